// `npm run demo`: your runInWorkerPool running CPU-heavy tasks (demo-task.ts)
// on one thread, then on several, for real. Given: no need to edit it (see
// README.md).
import { availableParallelism } from "node:os";
import { runDemo, seconds } from "@course/testkit/demo";
import type { BusyInput, BusyOutput } from "./demo-task.ts";

const cores = availableParallelism();
const threads = Math.max(2, Math.min(4, cores));

process.exitCode = await runDemo(
  {
    title: "10 · Worker threads",
    intro: [`Six tasks of pure CPU work, 100 ms of CPU time each. This machine has ${cores} core${cores === 1 ? "" : "s"}.`],
  },
  async (demo) => {
    const { runInWorkerPool } = await import("./src/index.ts");

    const inputs: BusyInput[] = Array.from({ length: 6 }, () => ({ cpuMs: 100 }));
    const task = new URL("./demo-task.ts", import.meta.url);

    const onThreads = async (count: number) => {
      const rows = demo.tasks("tasks running");
      const heartbeat = demo.heartbeat(20);
      const outcome = await demo.settle(
        `runInWorkerPool(6 tasks, { threads: ${count} })`,
        () => runInWorkerPool<BusyInput, BusyOutput>(task, inputs, { threads: count }),
        {
          show: (outputs) => `${outputs.length} results`,
        },
      );
      const { ticks, longestGapMs } = heartbeat.stop();
      if (!outcome.ok) return undefined;
      const workers = [...new Set(outcome.value.map((output) => output.threadId))];
      outcome.value.forEach((output, i) => {
        const worker = workers.indexOf(output.threadId) + 1;
        rows.add(`task ${i + 1} (worker ${worker})`, demo.fromEpoch(output.startedAt), demo.fromEpoch(output.endedAt));
      });
      const firstStart = Math.min(...outcome.value.map((output) => demo.fromEpoch(output.startedAt)));
      demo.say(`Worker threads that ran tasks: ${workers.length}, each reused for several tasks.`);
      demo.say(`The first task started at ${seconds(firstStart)}: that long to start a worker thread and load its code.`);
      demo.say(
        `Meanwhile the main thread's timer (every 20 ms) ticked ${ticks} times, its longest wait ${seconds(longestGapMs)}: the event loop stayed free.`,
      );
      return outcome.ms;
    };

    const one = await demo.part("runInWorkerPool on 1 thread", () => onThreads(1));
    const many = await demo.part(`runInWorkerPool on ${threads} threads`, () => onThreads(threads));
    if (one !== undefined && many !== undefined) {
      demo.say("");
      demo.say(`1 thread: ${seconds(one)}. ${threads} threads: ${seconds(many)} (${(one / many).toFixed(1)}× as fast).`);
      demo.say("More threads than free cores buys nothing: on a busy machine, the gain shrinks.");
    }
  },
);

// `npm run demo`: your runWorkers, gather and lazy, for real, on real timers.
// Given: no need to edit it (see README.md).
import { runDemo, seconds } from "@course/testkit/demo";

process.exitCode = await runDemo(
  {
    title: "03 · Tasks and gather",
    intro: ["Workers and tasks that wait a few hundred milliseconds each, and print when they start and finish."],
  },
  async (demo) => {
    const { runWorkers, gather, lazy } = await import("./src/index.ts");

    await demo.part("runWorkers: Worker-1 (600 ms), Worker-2 (200 ms) and Worker-3 (400 ms), together", async () => {
      const rows = demo.tasks("workers running");
      const ends = new Map<string, ReturnType<typeof rows.begin>>();
      // Your workers call this with "<name>: start" and "<name>: done": each line is printed, and drawn as a row.
      const log = (line: string) => {
        demo.log(line);
        const [name = line, what] = line.split(": ");
        if (what === "start") ends.set(name, rows.begin(name));
        if (what === "done") ends.get(name)?.();
      };
      const specs = [
        { name: "Worker-1", delayMs: 600 },
        { name: "Worker-2", delayMs: 200 },
        { name: "Worker-3", delayMs: 400 },
      ];
      const outcome = await demo.settle("runWorkers", () => runWorkers(specs, log));
      demo.say(`Finished after ${seconds(outcome.ms)}; one after another, the same workers would take 1.20 s.`);
    });

    // Pretend tasks: each is drawn as a row from the moment it is called.
    const tasks = () => {
      const rows = demo.tasks("tasks running");
      const task = (name: string, ms: number, fails: boolean) => async () => {
        const end = rows.begin(name);
        demo.log(`${name}: start`);
        await demo.wait(ms);
        end(fails ? "failed" : "done");
        demo.log(`${name}: ${fails ? "fails" : "done"}`);
        if (fails) throw new Error(`${name} failed`);
        return `${name} result`;
      };
      return [task("task A", 300, false), task("task B", 150, true), task("task C", 450, false)];
    };

    await demo.part("gather: task A (300 ms), task B (fails at 150 ms), task C (450 ms)", async () => {
      await demo.settle("gather", () => gather(tasks()));
      demo.say("Without returnErrors, the first failure settles the call at once; A and C run on to their end.");
      await demo.wait(350);
    });

    await demo.part("gather with { returnErrors: true }: the same three tasks", async () => {
      await demo.settle("gather", () => gather(tasks(), { returnErrors: true }), {
        show: (results) => `[${results.map((result) => (result instanceof Error ? `Error(${result.message})` : JSON.stringify(result))).join(", ")}]`,
      });
    });

    await demo.part("lazy: nothing runs until someone awaits", async () => {
      const rows = demo.tasks("fn running");
      let calls = 0;
      const value = lazy(async () => {
        calls += 1;
        const end = rows.begin(`fn (call ${calls})`);
        demo.log(`fn called (call number ${calls})`);
        await demo.wait(200);
        end();
        return 42;
      });
      demo.log(`lazy(fn) made; started: ${value.started}`);
      await demo.wait(200);
      demo.log(`200 ms later, still nobody awaited it; started: ${value.started}`);
      const first = demo.settle("the first await", async () => await value);
      const second = demo.settle("a second await, at the same time", async () => await value);
      await Promise.all([first, second]);
      await demo.settle("a late await, once it is done", async () => await value);
      demo.say(`fn was called ${calls === 1 ? "once" : `${calls} times`} for three awaits.`);
    });
  },
);

// Real threads, real time: no virtual clock here (see support.ts). Parallelism
// is proven by tasks that meet (each waits until the others are running too),
// never by how long anything took; reuse, by which thread ran each task.
import { points } from "@course/testkit";
import { threadId as testThreadId } from "node:worker_threads";
import { describe, expect, test } from "vitest";
// support.ts before src/: it starts watching Worker as soon as it is imported.
import { fixture, giveUpWaitsThatCannotEnd, reportArrivals, settle, TEST_LIMIT_MS, valueOf, watchWorkers } from "./support.ts";
import { runInWorkerPool } from "../src/index.ts";
import { newBoard } from "./fixtures/board.ts";
import type { Identified } from "./fixtures/identify.ts";
import type { Done, Script } from "./fixtures/scripted.ts";

const workers = watchWorkers();
const scripted = fixture("scripted");
const labels = (items: Array<{ label: string }>) => items.map((item) => item.label);
/** Says which input each result belongs to (for a failure message: vitest shortens long arrays). */
const order = (results: Done[]) => `the results came back as: ${results.map((result) => JSON.stringify(result.label)).join(", ")}`;

describe("runInWorkerPool: parallel, on a pool of reused workers", { timeout: TEST_LIMIT_MS }, () => {
  // One pool run proves both: 3 tasks that can only finish together (parallel,
  // each on its own thread), then 5 more on the same 3 workers (reused). A
  // worker thread costs tens of ms of CPU to start, in every chain the course
  // check runs: two runs would start 6.
  test("runInWorkerPool runs `threads` tasks at the same moment, on `threads` workers it reuses for every input", points(4), async () => {
    const board = newBoard();
    // The first three meet: they finish only if all three run at the same moment, which also gives each worker one.
    const inputs: Script[] = Array.from({ length: 8 }, (_, i) => ({ board, label: `task ${i}`, ...(i < 3 ? { meet: 3 } : {}) }));
    const call = runInWorkerPool<Script, Done>(scripted, inputs, { threads: 3 });
    giveUpWaitsThatCannotEnd(board, call);
    const outcome = await settle(call, workers);
    const results = valueOf(outcome, "runInWorkerPool (threads: 3, 8 inputs, the first 3 of which wait until all 3 are running) should resolve");
    expect(
      results.map((result) => result.threadId),
      `tasks ran on the test's own thread (${testThreadId}): they belong in worker threads`,
    ).not.toContain(testThreadId);
    // Sorted: the three that meet finish in whatever order their threads run. The
    // order of results is the next two tests', where the tasks set it.
    expect(labels(results).sort(), `every input should have its result, once; ${order(results)}`).toEqual(labels(inputs).sort());
    expect(
      workers.started(),
      `8 inputs with threads: 3 should be run by 3 workers, each taking input after input; runInWorkerPool started ${workers.started()} workers`,
    ).toBe(3);
    const used = [...new Set(results.map((result) => result.threadId))];
    expect(
      used.filter((id) => workers.threadIds().includes(id)),
      `every task should run in one of the pool's own workers (threads ${workers.threadIds().join(", ")}); they ran on threads ${used.join(", ")}`,
    ).toEqual(used);
    expect(used.length, `the 8 inputs should be spread over the 3 workers; they ran on threads ${used.join(", ")}`).toBe(3);
  });

  test("runInWorkerPool gives the next input to whichever worker is free, not batch by batch", points(2), async () => {
    const board = newBoard();
    const inputs: Script[] = [
      // Long enough for a free worker to get through the 4 quick ones even on a
      // loaded machine (and even when a pool starts a new worker for each).
      { board, label: "the slow task", after: 4, afterWaitMs: 4000 },
      ...[1, 2, 3, 4].map((n) => ({ board, label: `quick task ${n}` })),
    ];
    const call = runInWorkerPool<Script, Done>(scripted, inputs, { threads: 2 });
    giveUpWaitsThatCannotEnd(board, call);
    const outcome = await settle(call, workers);
    const results = valueOf(
      outcome,
      "runInWorkerPool (threads: 2) should resolve: while one worker is busy with the slow task (which waits until the 4 quick " +
        "ones have finished), the other should run the quick ones, each as soon as it is free",
    );
    expect(labels(results), `results belong in the order of the inputs; ${order(results)}`).toEqual(labels(inputs));
  });

  test("runInWorkerPool returns results in input order, whatever order the tasks finish in", points(2), async () => {
    const board = newBoard();
    reportArrivals(board);
    const inputs: Script[] = [
      { board, label: "the first input (finishes last)", afterReported: true },
      { board, label: "the second input (finishes first)", report: true },
    ];
    const call = runInWorkerPool<Script, Done>(scripted, inputs, { threads: 2 });
    giveUpWaitsThatCannotEnd(board, call);
    const outcome = await settle(call, workers);
    const results = valueOf(outcome, "runInWorkerPool (threads: 2, 2 inputs) should resolve");
    expect(
      labels(results),
      "results belong in the order of the inputs (results[i] is the result of inputs[i]), not in the order the tasks " +
        `finished; ${order(results)}`,
    ).toEqual(labels(inputs));
  });

  test("runInWorkerPool with threads: 1 runs every input, one after another, on a single worker", async () => {
    const outcome = await settle(runInWorkerPool<number, Identified>(fixture("identify"), [1, 2, 3, 4, 5], { threads: 1 }), workers);
    const results = valueOf(outcome, "runInWorkerPool (threads: 1, 5 inputs) should resolve");
    expect(
      results.map((result) => result.square),
      "each result is the task's result for that input, in input order",
    ).toEqual([1, 4, 9, 16, 25]);
    expect(workers.started(), `threads: 1 means one worker; runInWorkerPool started ${workers.started()}`).toBe(1);
    expect([...new Set(results.map((result) => result.threadId))], "all 5 tasks should run on that one worker").toEqual(workers.threadIds());
  });
});

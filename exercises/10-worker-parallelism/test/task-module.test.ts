// The ways to name a task module, and amounts of work smaller than the pool.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
// support.ts before src/: it starts watching Worker as soon as it is imported.
import { describeStillAlive, fixture, settle, TEST_LIMIT_MS, valueOf, watchWorkers } from "./support.ts";
import { runInWorkerPool } from "../src/index.ts";
import type { Identified } from "./fixtures/identify.ts";

const workers = watchWorkers();
const identify = fixture("identify");
const squares = (results: Identified[]) => results.map((result) => result.square);

describe("runInWorkerPool: the task module and the inputs", { timeout: TEST_LIMIT_MS }, () => {
  test("runInWorkerPool accepts the task module as a URL, a file: URL string or an absolute path", async () => {
    const forms: Array<[string, string | URL]> = [
      ["a URL object", identify],
      ["a file: URL string", identify.href],
      ["an absolute path", fileURLToPath(identify)],
    ];
    for (const [form, taskModule] of forms) {
      const outcome = await settle(runInWorkerPool<number, Identified>(taskModule, [2, 3, 4], { threads: 1 }), workers);
      const results = valueOf(outcome, `with the task module given as ${form} (${String(taskModule)}), runInWorkerPool should resolve`);
      expect(squares(results), `${form}: the task's results, in input order`).toEqual([4, 9, 16]);
    }
  });

  test("runInWorkerPool resolves a relative path against the working directory", async () => {
    const relative = path.relative(process.cwd(), fileURLToPath(identify));
    const outcome = await settle(runInWorkerPool<number, Identified>(relative, [5, 6], { threads: 1 }), workers);
    const results = valueOf(
      outcome,
      `"${relative}" is relative to the working directory (${process.cwd()}): with it, runInWorkerPool should resolve`,
    );
    expect(squares(results), "the task's results, in input order").toEqual([25, 36]);
  });

  test("runInWorkerPool handles fewer inputs than threads, and no inputs at all", async () => {
    const one = await settle(runInWorkerPool<number, Identified>(identify, [7], { threads: 4 }), workers);
    expect(squares(valueOf(one, "runInWorkerPool (threads: 4, 1 input) should resolve")), "the one input's result").toEqual([49]);
    if (one.aliveWorkersAtSettle.length > 0) expect.fail(await describeStillAlive(one, "resolved (threads: 4, 1 input)"));

    const none = await settle(runInWorkerPool<number, Identified>(identify, [], { threads: 2 }), workers);
    expect(valueOf(none, "runInWorkerPool with no inputs should resolve"), "no inputs, no results").toEqual([]);
    if (none.aliveWorkersAtSettle.length > 0) expect.fail(await describeStillAlive(none, "resolved (no inputs)"));
  });
});

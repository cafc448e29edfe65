// Failures, cancellation and clean-up, on real threads. "Alive" means a worker
// the code started whose `exit` event has not fired yet; it is counted at the
// very moment runInWorkerPool settles (see support.ts).
import { points } from "@course/testkit";
import { getEventListeners } from "node:events";
import { describe, expect, test } from "vitest";
// support.ts before src/: it starts watching Worker as soon as it is imported.
import {
  describeReason,
  describeStillAlive,
  fixture,
  giveUpWaitsThatCannotEnd,
  NO_WORKER_SEEN,
  type Outcome,
  read,
  reasonOf,
  settle,
  TEST_LIMIT_MS,
  valueOf,
  waitForBoard,
  watchWorkers,
} from "./support.ts";
import { runInWorkerPool } from "../src/index.ts";
import { FINISHED, MEETING, newBoard, STARTED } from "./fixtures/board.ts";
import type { Identified } from "./fixtures/identify.ts";
import type { Done, Script } from "./fixtures/scripted.ts";

const workers = watchWorkers();
const scripted = fixture("scripted");
const identify = fixture("identify");

/**
 * Every worker the test saw start has exited by the time the call settled (and
 * there were some). When some had not, waits a little (real time, bounded) to
 * tell apart workers that were on their way out from workers nothing stopped.
 */
async function expectNoneAlive(outcome: Outcome<unknown>, when: "resolved" | "rejected") {
  expect(workers.started(), NO_WORKER_SEEN).toBeGreaterThan(0);
  if (outcome.aliveWorkersAtSettle.length === 0) return;
  expect.fail(await describeStillAlive(outcome, when));
}

describe("runInWorkerPool: no worker outlives the call", { timeout: TEST_LIMIT_MS }, () => {
  test("runInWorkerPool resolves only once every worker it started has exited", points(2), async () => {
    const outcome = await settle(runInWorkerPool<number, Identified>(identify, [1, 2, 3, 4, 5, 6], { threads: 2 }), workers);
    const results = valueOf(outcome, "runInWorkerPool (threads: 2, 6 inputs) should resolve");
    // Sorted: which of two free-running workers finishes first is the machine's
    // business, so their order here would pass or fail a wrong order by chance.
    // The order is the subject of parallelism.test.ts, where the tasks set it.
    expect(
      results.map((result) => result.square).sort((a, b) => a - b),
      "every input's result should be there, once: the squares of 1 to 6",
    ).toEqual([1, 4, 9, 16, 25, 36]);
    await expectNoneAlive(outcome, "resolved");
  });

  test("runInWorkerPool rejects with an Error carrying the task's message when a task throws or rejects", points(2), async () => {
    for (const fail of ["throw", "reject"] as const) {
      const board = newBoard();
      const inputs: Script[] = [1, 2, 3, 4, 5].map((n) => ({ board, label: `task ${n}`, ...(n === 3 ? { fail } : {}) }));
      // One worker: this test is about the message and the clean-up; a failure
      // while other workers are busy is the next test's. (A worker costs a thread start.)
      const outcome = await settle(runInWorkerPool<Script, Done>(scripted, inputs, { threads: 1 }), workers);
      const how = fail === "throw" ? "throws an Error" : "returns a promise that rejects";
      const reason = reasonOf(outcome, `the task for input 3 ${how} ("task 3 failed on purpose"): runInWorkerPool should reject`);
      expect(reason, `runInWorkerPool should reject with an Error; it rejected with ${describeReason(reason)}`).toBeInstanceOf(Error);
      expect(
        (reason as Error).message,
        `the task ${how}: the message runInWorkerPool rejects with should contain the task's own message, ` +
          `"task 3 failed on purpose"; it was ${JSON.stringify((reason as Error).message)}`,
      ).toContain("task 3 failed on purpose");
      await expectNoneAlive(outcome, "rejected");
    }
  });

  test("runInWorkerPool terminates every worker when a task fails, without waiting for the others to finish", points(2), async () => {
    const board = newBoard();
    // Both meet, so both are surely running; then a blocks (as a long computation
    // would, for WAIT_MS) and b fails.
    const inputs: Script[] = [
      { board, label: "task a", meet: 2, block: true },
      { board, label: "task b", meet: 2, fail: "throw" },
    ];
    const call = runInWorkerPool<Script, Done>(scripted, inputs, { threads: 2 });
    giveUpWaitsThatCannotEnd(board, call);
    const outcome = await settle(call, workers);
    const reason = reasonOf(outcome, "task b fails while task a is still busy: runInWorkerPool should reject");
    expect(describeReason(reason), `runInWorkerPool should reject with task b's error; it rejected with ${describeReason(reason)}`).toContain(
      "task b failed on purpose",
    );
    expect(
      read(board, FINISHED),
      "task a ran to its end: once a task has failed the call has failed, and the workers still busy should be " +
        "terminated at once, not waited for",
    ).toBe(0);
    await expectNoneAlive(outcome, "rejected");
  });

  test("runInWorkerPool rejects with signal.reason and terminates every worker when the signal aborts", points(2), async () => {
    const board = newBoard();
    // Two meet, so both are surely running; then they block (as a long computation would, for WAIT_MS).
    const inputs: Script[] = ["a", "b", "c"].map((name) => ({ board, label: `task ${name}`, meet: 2, block: true }));
    const controller = new AbortController();
    const reason = new Error("the user cancelled");
    const call = runInWorkerPool<Script, Done>(scripted, inputs, { threads: 2, signal: controller.signal });
    giveUpWaitsThatCannotEnd(board, call);
    await waitForBoard(board, MEETING, 2, call);
    const [started, finished] = [read(board, STARTED), read(board, FINISHED)];
    controller.abort(reason);
    const outcome = await settle(call, workers);
    const rejection = reasonOf(outcome, "the signal aborted: runInWorkerPool should reject");
    expect(
      rejection,
      `runInWorkerPool should reject with signal.reason, the very value given to abort(); it rejected with ${describeReason(rejection)}`,
    ).toBe(reason);
    expect({ started, finished }, "with threads: 2, two tasks should be running at the same time (the test aborts once they are)").toEqual({
      started: 2,
      finished: 0,
    });
    expect(read(board, FINISHED), "a running task ran to its end: an abort should terminate the workers, not wait for them").toBe(0);
    await expectNoneAlive(outcome, "rejected");
    expect(read(board, STARTED), "the third input should never start once the signal has aborted").toBe(2);
    expect(getEventListeners(controller.signal, "abort"), "runInWorkerPool should remove its abort listener once it settles").toHaveLength(0);
  });

  test("runInWorkerPool with an already aborted signal rejects with its reason and starts no worker", async () => {
    const reason = new Error("cancelled before it began");
    const outcome = await settle(runInWorkerPool(identify, [1, 2, 3], { threads: 2, signal: AbortSignal.abort(reason) }), workers);
    const rejection = reasonOf(outcome, "the signal was already aborted: runInWorkerPool should reject");
    expect(
      rejection,
      `runInWorkerPool should reject with signal.reason, the very value the signal was aborted with; it rejected with ${describeReason(rejection)}`,
    ).toBe(reason);
    expect(workers.started(), "no worker should start once the signal is aborted").toBe(0);
  });

  test("runInWorkerPool rejects with a RangeError, before starting any worker, when threads is not a positive integer", async () => {
    for (const threads of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      let call: Promise<unknown[]> | undefined;
      expect(() => {
        call = runInWorkerPool(identify, [1, 2], { threads });
      }, `runInWorkerPool returns a promise: with threads ${threads} it should reject, not throw`).not.toThrow();
      const reason = reasonOf(await settle(call!, workers), `threads ${threads} is not a positive integer: runInWorkerPool should reject`);
      expect(reason, `threads ${threads}: runInWorkerPool should reject with a RangeError, not ${describeReason(reason)}`).toBeInstanceOf(RangeError);
    }
    expect(workers.started(), "with a bad threads, no worker should start").toBe(0);
  });

  test("runInWorkerPool rejects, and leaves no worker alive, when the task module cannot be loaded", async () => {
    const outcome = await settle(runInWorkerPool(fixture("does-not-exist"), [1, 2, 3], { threads: 2 }), workers);
    const reason = reasonOf(outcome, "the task module does not exist: runInWorkerPool should reject");
    expect(
      describeReason(reason),
      `the error should say which module could not be loaded (does-not-exist.ts); it was ${describeReason(reason)}`,
    ).toContain("does-not-exist");
    await expectNoneAlive(outcome, "rejected");
  });

  test("runInWorkerPool rejects, and leaves no worker alive, when a worker exits in the middle of a task", async () => {
    const board = newBoard();
    const inputs: Script[] = [
      { board, label: "task 1" },
      { board, label: "task 2 (exits)", exit: 3 },
      { board, label: "task 3" },
    ];
    const outcome = await settle(runInWorkerPool<Script, Done>(scripted, inputs, { threads: 1 }), workers);
    reasonOf(
      outcome,
      "the task for input 2 called process.exit(3): its worker ended without a reply, and no 'error' event comes for that. " +
        "runInWorkerPool should reject (listen for each worker's 'exit' event too), not wait for a reply that never comes",
    );
    await expectNoneAlive(outcome, "rejected");
  });

  test("runInWorkerPool removes its abort listener once it settles", async () => {
    const controller = new AbortController();
    const done = await settle(runInWorkerPool<number, Identified>(identify, [1, 2], { threads: 1, signal: controller.signal }), workers);
    expect(valueOf(done, "runInWorkerPool (threads: 1, 2 inputs) should resolve").map((result) => result.n)).toEqual([1, 2]);
    expect(getEventListeners(controller.signal, "abort"), "after resolving, no abort listener should be left on the signal").toHaveLength(0);

    const failing: Script[] = [{ board: newBoard(), label: "task x", fail: "throw" }];
    const failed = await settle(runInWorkerPool(scripted, failing, { threads: 1, signal: controller.signal }), workers);
    reasonOf(failed, "the task throws: runInWorkerPool should reject");
    expect(getEventListeners(controller.signal, "abort"), "after rejecting, no abort listener should be left on the signal").toHaveLength(0);
  });
});

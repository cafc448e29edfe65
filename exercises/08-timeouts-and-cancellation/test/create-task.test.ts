import { catchUnhandledRejections, describeReason, mockApi, points, reasonOf, useVirtualClock, valueOf, watch } from "@course/testkit";
import { describe, expect, test } from "vitest";
import { CancelledError, createTask } from "../src/index.ts";
import { recordTasks } from "./support.ts";

const clock = useVirtualClock();
const api = mockApi();

describe("createTask: running", () => {
  test("createTask starts fn at once and resolves promise with its value; state goes from pending to fulfilled", points(2), async () => {
    const tasks = recordTasks();
    const task = createTask(tasks.task("fn (500ms)", 500, { value: "report" }));
    let stateWhenResolved: string | undefined;
    watch(task.promise, () => (stateWhenResolved = task.state));
    await clock.flush();
    expect(tasks.called(), "createTask should start fn straight away: nobody has to await anything first").toEqual(["fn (500ms)"]);
    expect(task.state, "fn is still running: the state should be 'pending'").toBe("pending");

    await clock.advance(499);
    expect(task.state, `at 499ms fn is still running: the state should still be 'pending'${tasks.timeline()}`).toBe("pending");

    const outcome = await clock.settle(task.promise);
    expect(valueOf(outcome, "task.promise"), "promise resolves with fn's value").toBe("report");
    expect(outcome, `fn was done at 500ms${tasks.timeline()}`).toResolveAt(500);
    expect(stateWhenResolved, "by the time promise resolves, state should say 'fulfilled'").toBe("fulfilled");
    expect(task.state).toBe("fulfilled");
  });

  test("createTask rejects promise with fn's error; state goes from pending to rejected", async () => {
    const tasks = recordTasks();
    const error = new Error("the report is broken");
    const task = createTask(tasks.task("fn (fails at 500ms)", 500, { reason: error }));
    let stateWhenRejected: string | undefined;
    watch(task.promise, () => (stateWhenRejected = task.state));
    expect(task.state, "fn is still running: the state should be 'pending'").toBe("pending");

    const outcome = await clock.settle(task.promise);
    expect(reasonOf(outcome, "task.promise"), `promise rejects with fn's error, as it is${tasks.timeline()}`).toBe(error);
    expect(outcome, `fn failed at 500ms${tasks.timeline()}`).toRejectAt(500);
    expect(stateWhenRejected, "by the time promise rejects, state should say 'rejected'").toBe("rejected");
    expect(task.state).toBe("rejected");
  });
});

describe("createTask: cancel()", () => {
  test("createTask cancel() rejects promise with a CancelledError at once, even when fn ignores its signal", points(2), async () => {
    const tasks = recordTasks();
    const task = createTask(tasks.stubborn("fn (1000ms)", 1000, { value: "late" }));
    setTimeout(() => task.cancel(), 300);
    const outcome = await clock.settle(tasks.follow("task.promise", task.promise));
    expect(
      outcome,
      "cancel() was called at 300ms; fn ignores its signal and runs on until 1000ms. promise must not wait for fn: " +
        `it is a promise of your own, which cancel() rejects at once${tasks.timeline()}`,
    ).toRejectAt(300);
    expect(reasonOf(outcome, "task.promise"), "a cancelled task's promise rejects with a CancelledError (from src/errors.ts)").toBeInstanceOf(
      CancelledError,
    );
    expect(task.state, "after cancel(), the state is 'cancelled'").toBe("cancelled");
  });

  test("createTask cancel(reason) aborts fn's signal with that reason, and fn's request is aborted", points(2), async () => {
    api.get("/export", { never: true });
    let signalOfFn: AbortSignal | undefined;
    const task = createTask(async (signal) => {
      signalOfFn = signal;
      const response = await fetch(api.url("/export"), { signal });
      return (await response.json()) as unknown;
    });
    const reason = new Error("the user closed the tab");
    setTimeout(() => task.cancel(reason), 300);
    const outcome = await clock.settle(task.promise);
    expect(api).toHaveAborted("/export", 300);
    expect(signalOfFn?.reason, "fn's signal should be aborted with the reason given to cancel(reason), as it is").toBe(reason);
    expect(
      reasonOf(outcome, "task.promise"),
      "even with a reason of its own, a cancelled task's promise rejects with a CancelledError (the reason goes to the signal)",
    ).toBeInstanceOf(CancelledError);
    expect(outcome, "cancel() was called at 300ms").toRejectAt(300);
  });

  test("createTask cancel() without a reason aborts fn's signal with a CancelledError", async () => {
    const tasks = recordTasks();
    const task = createTask(tasks.hang("fn"));
    watch(task.promise);
    setTimeout(() => task.cancel(), 300);
    const outcome = await clock.settle(task.promise);
    expect(outcome.status, "cancel() should reject promise").toBe("rejected");
    expect(tasks.abortedAt("fn"), `cancel() at 300ms should abort fn's signal then${tasks.timeline()}`).toBe(300);
    expect(tasks.signalOf("fn").reason, "cancel() was given no reason: abort fn's signal with a new CancelledError").toBeInstanceOf(CancelledError);
  });

  test("createTask cancel() leaves no unhandled rejection when nobody awaits the task's promise", async () => {
    const tasks = recordTasks();
    const unhandled = catchUnhandledRejections();
    try {
      // Started for its effect alone (fire and forget), then called off: nobody ever looks at task.promise.
      const task = createTask(tasks.hang("fn"));
      expect(task.cancel(), "cancel() on a pending task should return true").toBe(true);
      await clock.advance(100);
    } finally {
      // Node reports an unhandled rejection only after a real turn of its event loop: stop() lets it turn.
      await unhandled.stop();
    }
    expect(
      unhandled.reasons.map(describeReason),
      "cancel() rejected the promise of a task nobody awaits, and that rejection went unhandled (since Node 15 one ends " +
        "the program). Cancelling is not a failure: handle the CancelledError on the task's own promise " +
        "(promise.catch(() => {})); whoever awaits it still sees the rejection",
    ).toEqual([]);
  });

  test("createTask drops fn's late result or error after cancel(): the state stays 'cancelled'", points(2), async () => {
    const tasks = recordTasks();
    const resolvesLate = createTask(tasks.stubborn("fn that resolves at 500ms", 500, { value: "late" }));
    const rejectsLate = createTask(
      tasks.stubborn("fn that rejects at 500ms", 500, {
        reason: new Error("fn failed late, after its task was cancelled: createTask should drop this error"),
      }),
    );
    const first = watch(resolvesLate.promise);
    const second = watch(rejectsLate.promise);
    setTimeout(() => {
      resolvesLate.cancel();
      rejectsLate.cancel();
    }, 100);
    await clock.advance(1000);
    expect(
      [resolvesLate.state, rejectsLate.state],
      "cancelled at 100ms, fn settled on its own at 500ms: a cancelled task stays 'cancelled' for good, whatever fn does later" + tasks.timeline(),
    ).toEqual(["cancelled", "cancelled"]);
    expect(
      [first.outcome, second.outcome].map((outcome) => (outcome.status === "pending" ? "still pending" : outcome.at)),
      `both promises should have rejected when cancel() was called, at 100ms${tasks.timeline()}`,
    ).toEqual([100, 100]);
    expect(reasonOf(first.outcome, "the promise of the task that resolves late"), "the promise rejected with a CancelledError").toBeInstanceOf(
      CancelledError,
    );
    expect(reasonOf(second.outcome, "the promise of the task that rejects late"), "the promise rejected with a CancelledError").toBeInstanceOf(
      CancelledError,
    );
  });

  test("createTask cancel() returns true the first time and false after", async () => {
    const tasks = recordTasks();
    const task = createTask(tasks.hang("fn"));
    watch(task.promise);
    await clock.flush();
    const first = new Error("first reason");
    expect(task.cancel(first), "the first cancel() of a pending task returns true").toBe(true);
    expect(task.cancel(), "the task is already cancelled: cancel() returns false").toBe(false);
    expect(task.cancel(new Error("second reason")), "the task is already cancelled: cancel(reason) returns false").toBe(false);
    expect(task.state).toBe("cancelled");
    expect(tasks.signalOf("fn").reason, "a cancel() that returned false changes nothing: the signal keeps the first reason").toBe(first);
  });

  test("createTask cancel() after the task settled returns false and changes nothing", async () => {
    const tasks = recordTasks();
    const done = createTask(tasks.task("fn that resolves", 100, { value: 42 }));
    const failed = createTask(tasks.task("fn that rejects", 100, { reason: new Error("no") }));
    watch(failed.promise);
    expect(valueOf(await clock.settle(done.promise), "task.promise")).toBe(42);
    expect((await clock.settle(failed.promise)).status, `fn rejected at 100ms: so should the task's promise${tasks.timeline()}`).toBe("rejected");

    const abortedBefore = [tasks.abortedAt("fn that resolves"), tasks.abortedAt("fn that rejects")];
    await clock.advance(100);
    expect(done.cancel(), "the task already fulfilled: cancel() returns false").toBe(false);
    expect(failed.cancel(), "the task already rejected: cancel() returns false").toBe(false);
    expect([done.state, failed.state], "a settled task keeps its state: cancel() changes nothing").toEqual(["fulfilled", "rejected"]);
    expect(
      [tasks.abortedAt("fn that resolves"), tasks.abortedAt("fn that rejects")],
      `a cancel() that returns false changes nothing: it does not abort the signal either${tasks.timeline()}`,
    ).toEqual(abortedBefore);
    expect(valueOf(await clock.settle(done.promise), "task.promise"), "and its promise keeps its value").toBe(42);
  });
});

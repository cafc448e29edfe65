import { mockApi, points, reasonOf, useVirtualClock, valueOf } from "@course/testkit";
import { describe, expect, test } from "vitest";
import { TimeoutError, withTimeout } from "../src/index.ts";
import { listeners, recordTasks } from "./support.ts";

const clock = useVirtualClock();
const api = mockApi();

/** A task that fetches JSON from the mocked API with its signal, as a real one would. */
const getJson = (path: string) => async (signal: AbortSignal) => {
  const response = await fetch(api.url(path), { signal });
  return (await response.json()) as unknown;
};

describe("withTimeout: settling", () => {
  test("withTimeout resolves with the task's value when the task finishes in time", points(2), async () => {
    api.get("/report", { json: { pages: 12 }, after: 300 });
    const outcome = await clock.settle(withTimeout(getJson("/report"), 1000));
    expect(valueOf(outcome, "withTimeout"), "the task's own value").toEqual({ pages: 12 });
    expect(outcome, "the task was done at 300ms: withTimeout should resolve then, not wait for its deadline").toResolveAt(300);
  });

  test("withTimeout rejects with the task's own error when the task fails in time", async () => {
    const tasks = recordTasks();
    const error = new Error("the disk is full");
    const outcome = await clock.settle(tasks.follow("withTimeout(task, 1000)", withTimeout(tasks.task("task", 200, { reason: error }), 1000)));
    expect(reasonOf(outcome, "withTimeout"), `withTimeout should reject with the task's error, as it is${tasks.timeline()}`).toBe(error);
    expect(outcome, `the task failed at 200ms: withTimeout should reject then${tasks.timeline()}`).toRejectAt(200);
  });

  test("withTimeout rejects with a TimeoutError at ms when the task takes longer", points(2), async () => {
    const tasks = recordTasks();
    const outcome = await clock.settle(
      tasks.follow("withTimeout(task, 1000)", withTimeout(tasks.task("task (5000ms)", 5000, { value: "late" }), 1000)),
    );
    const reason = reasonOf(outcome, "withTimeout");
    expect(reason, `past the deadline, withTimeout should reject with a TimeoutError (from src/errors.ts)${tasks.timeline()}`).toBeInstanceOf(
      TimeoutError,
    );
    expect(outcome, `the deadline was 1000ms: withTimeout should reject then${tasks.timeline()}`).toRejectAt(1000);
  });

  test("withTimeout accepts ms = 0: a task already done wins, anything slower times out at once", async () => {
    const quick = await clock.settle(withTimeout(async () => "ready", 0));
    expect(valueOf(quick, "withTimeout(…, 0)"), "a task that needs no time at all still makes a deadline of 0ms").toBe("ready");

    const tasks = recordTasks();
    const slow = await clock.settle(tasks.follow("withTimeout(task, 0)", withTimeout(tasks.task("task (10ms)", 10, { value: "late" }), 0)));
    expect(reasonOf(slow, "withTimeout(…, 0)"), `a 10ms task misses a deadline of 0ms${tasks.timeline()}`).toBeInstanceOf(TimeoutError);
    expect(slow, `a deadline of 0ms passes at 0ms${tasks.timeline()}`).toRejectAt(0);
  });
});

describe("withTimeout: stopping the task", () => {
  test("withTimeout aborts the task's signal at the deadline, so the task's request is aborted", points(2), async () => {
    api.get("/slow", { json: "late", after: 5000 });
    const outcome = await clock.settle(withTimeout(getJson("/slow"), 1000));
    expect(reasonOf(outcome, "withTimeout")).toBeInstanceOf(TimeoutError);
    expect(api).toHaveAborted("/slow", 1000);
  });

  test("withTimeout aborts the task's signal with the TimeoutError it rejects with", points(2), async () => {
    const tasks = recordTasks();
    const outcome = await clock.settle(tasks.follow("withTimeout(task, 1000)", withTimeout(tasks.hang("task (never done)"), 1000)));
    const reason = reasonOf(outcome, "withTimeout");
    expect(reason).toBeInstanceOf(TimeoutError);
    const signal = tasks.signalOf("task (never done)");
    expect(signal.aborted, `at the deadline the task's signal should be aborted${tasks.timeline()}`).toBe(true);
    expect(
      signal.reason,
      "the task's signal should be aborted with the very TimeoutError withTimeout rejects with " +
        `(pass it to abort(reason)), so the task can tell a timeout from other aborts${tasks.timeline()}`,
    ).toBe(reason);
    expect(clock.pendingTimers(), "withTimeout rejected at its deadline: no timer should be left pending").toBe(0);
  });

  test("withTimeout rejects at ms even when the task ignores its signal", points(2), async () => {
    const tasks = recordTasks();
    const outcome = await clock.settle(
      tasks.follow("withTimeout(task, 1000)", withTimeout(tasks.stubborn("task (5000ms)", 5000, { value: "late" }), 1000)),
    );
    expect(
      outcome,
      "the task ignores its signal and runs on until 5000ms; withTimeout must not wait for it: " +
        `a promise cannot be cancelled, so reject at the deadline without waiting for the task${tasks.timeline()}`,
    ).toRejectAt(1000);
    expect(reasonOf(outcome, "withTimeout")).toBeInstanceOf(TimeoutError);
    expect(tasks.abortedAt("task (5000ms)"), `the task's signal should still be aborted at the deadline${tasks.timeline()}`).toBe(1000);
    expect(
      tasks.signalOf("task (5000ms)").reason,
      `the task's signal should be aborted with the TimeoutError withTimeout rejected with${tasks.timeline()}`,
    ).toBe(reasonOf(outcome));
  });
});

describe("withTimeout: the caller's signal", () => {
  test("withTimeout rejects with the caller's reason and aborts the task when the caller's signal aborts", points(2), async () => {
    api.get("/hang", { never: true });
    const controller = new AbortController();
    const reason = new Error("the user pressed stop");
    setTimeout(() => controller.abort(reason), 400);
    const outcome = await clock.settle(withTimeout(getJson("/hang"), 1000, { signal: controller.signal }));
    expect(reasonOf(outcome, "withTimeout"), "withTimeout should reject with the caller's signal.reason, as it is").toBe(reason);
    expect(outcome, "the caller's signal aborted at 400ms: withTimeout should reject then").toRejectAt(400);
    expect(api).toHaveAborted("/hang", 400);
  });

  test("withTimeout rejects at once with the reason of a signal already aborted", async () => {
    const tasks = recordTasks();
    const reason = new Error("cancelled before it began");
    const signal = AbortSignal.abort(reason);
    const outcome = await clock.settle(tasks.follow("withTimeout(task, 1000)", withTimeout(tasks.hang("task"), 1000, { signal })));
    expect(
      outcome,
      "the signal was aborted before the call: an aborted signal never fires 'abort' again, so check signal.aborted first" + tasks.timeline(),
    ).toRejectAt(0);
    expect(reasonOf(outcome, "withTimeout"), "withTimeout should reject with signal.reason").toBe(reason);
    expect(clock.pendingTimers(), "withTimeout rejected at once: no timer should be left pending").toBe(0);
    expect(listeners(signal), "withTimeout rejected at once: no listener should be left on the signal").toBe(0);
  });
});

describe("withTimeout: nothing left behind", () => {
  test("withTimeout clears its timer when the task settles first", points(2), async () => {
    const tasks = recordTasks();
    const resolved = await clock.settle(withTimeout(tasks.task("task (300ms)", 300, { value: "done" }), 1000));
    expect(valueOf(resolved, "withTimeout")).toBe("done");
    expect(
      clock.pendingTimers(),
      "withTimeout resolved at 300ms, but a timer is still pending: clear the timers withTimeout set (its deadline) once the task settles",
    ).toBe(0);

    const rejected = await clock.settle(withTimeout(tasks.task("failing task (300ms)", 300, { reason: new Error("no") }), 1000));
    expect(rejected.status, "the task failed: withTimeout should reject").toBe("rejected");
    expect(
      clock.pendingTimers(),
      "withTimeout rejected with the task's error, but a timer is still pending: clear the timers withTimeout set however the task settles",
    ).toBe(0);
  });

  test("withTimeout clears its timer when the caller's signal aborts", async () => {
    const tasks = recordTasks();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop")), 400);
    const outcome = await clock.settle(withTimeout(tasks.hang("task"), 1000, { signal: controller.signal }));
    expect(outcome, "the caller's signal aborted at 400ms").toRejectAt(400);
    expect(
      clock.pendingTimers(),
      "withTimeout rejected at 400ms, but a timer is still pending: clear the timers withTimeout set when the caller's signal aborts",
    ).toBe(0);
  });

  test("withTimeout removes its listener from the caller's signal, however it settles", points(2), async () => {
    const tasks = recordTasks();
    const signal = new AbortController().signal; // a long-lived signal that never aborts
    const ways = [
      ["the task finished first", "fulfilled", tasks.task("task that finishes", 300, { value: 1 })],
      ["the task failed first", "rejected", tasks.task("task that fails", 300, { reason: new Error("no") })],
      ["the deadline passed first", "rejected", tasks.hang("task that hangs")],
    ] as const;
    for (const [how, status, task] of ways) {
      const outcome = await clock.settle(withTimeout(task, 1000, { signal }));
      expect(outcome.status, `${how}: withTimeout should have ${status}${tasks.timeline()}`).toBe(status);
      expect(
        listeners(signal),
        `withTimeout settled (${how}), but ${listeners(signal)} abort listener(s) are still on the caller's signal: ` +
          "remove yours once withTimeout settles, or a signal shared by many calls piles them up",
      ).toBe(0);
    }

    const controller = new AbortController();
    const abortAt = clock.now() + 400;
    setTimeout(() => controller.abort(new Error("stop")), 400);
    const aborted = await clock.settle(withTimeout(tasks.hang("task cut off"), 1000, { signal: controller.signal }));
    expect(aborted, `the caller's signal aborted at ${abortAt}ms`).toRejectAt(abortAt);
    expect(
      listeners(controller.signal),
      "the caller's signal aborted, but the listener withTimeout added is still on it: add it with { once: true } or remove it",
    ).toBe(0);
  });
});

describe("withTimeout: bad arguments", () => {
  test("withTimeout rejects with a RangeError when ms is negative or NaN, and never calls the task", points(2), async () => {
    const tasks = recordTasks();
    for (const ms of [-1, -0.5, Number.NaN]) {
      let call: Promise<unknown> | undefined;
      expect(
        () => (call = withTimeout(tasks.task(`task (ms ${ms})`, 100, { value: 1 }), ms)),
        `withTimeout(task, ${ms}) threw synchronously: a function that returns a promise reports bad arguments by rejecting`,
      ).not.toThrow();
      const outcome = await clock.settle(call!);
      expect(reasonOf(outcome, `withTimeout(task, ${ms})`), `ms = ${ms} is not a delay: reject with a RangeError`).toBeInstanceOf(RangeError);
    }
    expect(tasks.called(), `with a bad ms, the task should never be called: check ms before starting it${tasks.timeline()}`).toEqual([]);
    expect(clock.pendingTimers(), "with a bad ms, no timer should be set").toBe(0);
  });
});

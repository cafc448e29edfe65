import { mockApi, points, reasonOf, useVirtualClock, valueOf } from "@course/testkit";
import { describe, expect, test } from "vitest";
import { firstOf } from "../src/index.ts";
import { listeners, recordTasks } from "./support.ts";

const clock = useVirtualClock();
const api = mockApi();

/** A task that fetches JSON from the mocked API with its signal, as a real one would. */
const getJson = (path: string) => async (signal: AbortSignal) => {
  const response = await fetch(api.url(path), { signal });
  return (await response.json()) as unknown;
};

/** The same file on three mirrors; the one at /mirror-b answers first. */
function threeMirrors() {
  api.get("/mirror-a/file", { json: "from a", after: 300 });
  api.get("/mirror-b/file", { json: "from b", after: 100 });
  api.get("/mirror-c/file", { json: "from c", after: 200 });
  return ["/mirror-a/file", "/mirror-b/file", "/mirror-c/file"].map(getJson);
}

describe("firstOf: the first to fulfil wins", () => {
  test("firstOf resolves with the value of the first task to fulfil", points(2), async () => {
    const outcome = await clock.settle(firstOf(threeMirrors()));
    expect(valueOf(outcome, "firstOf"), "mirror b answered first").toBe("from b");
    expect(outcome, "mirror b answered at 100ms: firstOf should resolve then, without waiting for the others").toResolveAt(100);
  });

  test("firstOf aborts every other task the moment the winner fulfils", points(2), async () => {
    const outcome = await clock.settle(firstOf(threeMirrors()));
    expect(valueOf(outcome, "firstOf")).toBe("from b");
    expect(api).toHaveAborted("/mirror-a/file", 100);
    expect(api).toHaveAborted("/mirror-c/file", 100);
  });

  test("firstOf never aborts the winner, even when a loser ignores its signal and fulfils later", points(2), async () => {
    const tasks = recordTasks();
    const outcome = await clock.settle(
      firstOf([
        tasks.stubborn("a (300ms, ignores its signal)", 300, { value: "a" }),
        tasks.task("b (100ms)", 100, { value: "b" }),
        tasks.task("c (200ms)", 200, { value: "c" }),
      ]),
    );
    expect(valueOf(outcome, "firstOf"), `b fulfilled first${tasks.timeline()}`).toBe("b");
    await clock.advance(1000);
    const winnerAborted = tasks.abortedAt("b (100ms)");
    if (winnerAborted !== undefined) {
      expect.fail(
        `b won at 100ms, yet its signal was aborted at ${winnerAborted}ms${winnerAborted === 100 ? " (as it won)" : winnerAborted === 300 ? " (when the loser a fulfilled, late)" : ""}: ` +
          `the winner's signal is never aborted, neither when it wins nor when a loser fulfils later${tasks.timeline()}`,
      );
    }
    expect(tasks.abortedAt("a (300ms, ignores its signal)"), `a lost: its signal should be aborted at 100ms${tasks.timeline()}`).toBe(100);
  });

  test("firstOf ignores a quick rejection: a task that fails never wins", points(2), async () => {
    const tasks = recordTasks();
    const outcome = await clock.settle(
      tasks.follow(
        "firstOf([a, b])",
        firstOf([tasks.task("a (fails at 50ms)", 50, { reason: new Error("mirror a is down") }), tasks.task("b (200ms)", 200, { value: "b" })]),
      ),
    );
    expect(
      outcome,
      "a failed at 50ms, but a failure never wins: firstOf should wait for the first task to fulfil, b at 200ms " +
        `(Promise.race lets the first to settle win, failure or not)${tasks.timeline()}`,
    ).toResolveAt(200);
    expect(valueOf(outcome, "firstOf"), `b is the first to fulfil${tasks.timeline()}`).toBe("b");
  });
});

describe("firstOf: when every task fails", () => {
  test("firstOf rejects with an AggregateError of every error, in task order, once the last task rejected", points(2), async () => {
    const tasks = recordTasks();
    const errors = [new Error("a is down"), new Error("b is down"), new Error("c is down")];
    const outcome = await clock.settle(
      tasks.follow(
        "firstOf([a, b, c])",
        firstOf([
          tasks.task("a (fails at 300ms)", 300, { reason: errors[0] }),
          tasks.task("b (fails at 100ms)", 100, { reason: errors[1] }),
          tasks.task("c (fails at 200ms)", 200, { reason: errors[2] }),
        ]),
      ),
    );
    expect(outcome, `every task failed, the last one at 300ms: firstOf should reject then${tasks.timeline()}`).toRejectAt(300);
    const reason = reasonOf(outcome, "firstOf");
    expect(reason, "when every task fails, firstOf rejects with an AggregateError").toBeInstanceOf(AggregateError);
    const got = (reason as AggregateError).errors.map((error: unknown) => (error instanceof Error ? error.message : error));
    expect(got, `its errors belong in the order of the tasks (a, b, c), not the order they failed in${tasks.timeline()}`).toEqual([
      "a is down",
      "b is down",
      "c is down",
    ]);
    (reason as AggregateError).errors.forEach((error: unknown, i: number) =>
      expect(error, `errors[${i}] should be the task's own error, as it is`).toBe(errors[i]),
    );
  });

  test("firstOf with no tasks rejects at once with an AggregateError with no errors", async () => {
    const outcome = await clock.settle(firstOf([]));
    expect(outcome, "with no tasks nothing can fulfil: firstOf should reject at once (as Promise.any([]) does)").toRejectAt(0);
    const reason = reasonOf(outcome, "firstOf([])");
    expect(reason, "an AggregateError, with no errors in it").toBeInstanceOf(AggregateError);
    expect((reason as AggregateError).errors).toEqual([]);
  });
});

describe("firstOf: the caller's signal", () => {
  test("firstOf rejects with the caller's reason and aborts every task when the caller's signal aborts", points(2), async () => {
    api.get("/mirror-a/file", { never: true });
    api.get("/mirror-b/file", { never: true });
    const controller = new AbortController();
    const reason = new Error("the download was called off");
    setTimeout(() => controller.abort(reason), 150);
    const outcome = await clock.settle(firstOf(["/mirror-a/file", "/mirror-b/file"].map(getJson), { signal: controller.signal }));
    expect(reasonOf(outcome, "firstOf"), "firstOf should reject with the caller's signal.reason, as it is").toBe(reason);
    expect(outcome, "the caller's signal aborted at 150ms: firstOf should reject then").toRejectAt(150);
    expect(api).toHaveAborted("/mirror-a/file", 150);
    expect(api).toHaveAborted("/mirror-b/file", 150);
  });

  test("firstOf rejects at once with the reason of a signal already aborted", async () => {
    const tasks = recordTasks();
    const reason = new Error("cancelled before it began");
    const signal = AbortSignal.abort(reason);
    const outcome = await clock.settle(firstOf([tasks.hang("a"), tasks.hang("b")], { signal }));
    expect(outcome, "the signal was aborted before the call: an aborted signal never fires 'abort' again, so check signal.aborted first").toRejectAt(
      0,
    );
    expect(reasonOf(outcome, "firstOf"), "firstOf should reject with signal.reason").toBe(reason);
    expect(listeners(signal), "no listener should be left on the signal").toBe(0);
  });

  test("firstOf removes its listener from the caller's signal, however it settles", points(2), async () => {
    const tasks = recordTasks();
    const signal = new AbortController().signal; // a long-lived signal that never aborts
    const ways = [
      ["a task fulfilled", "fulfilled", [tasks.task("a", 100, { value: "a" }), tasks.task("b", 200, { value: "b" })]],
      ["every task failed", "rejected", [tasks.task("c", 100, { reason: new Error("c") }), tasks.task("d", 200, { reason: new Error("d") })]],
    ] as const;
    for (const [how, status, list] of ways) {
      const outcome = await clock.settle(firstOf([...list], { signal }));
      expect(outcome.status, `${how}: firstOf should have ${status}${tasks.timeline()}`).toBe(status);
      expect(
        listeners(signal),
        `firstOf settled (${how}), but ${listeners(signal)} abort listener(s) are still on the caller's signal: ` +
          "remove yours once firstOf settles, or a signal shared by many calls piles them up",
      ).toBe(0);
    }

    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop")), 100);
    const aborted = await clock.settle(firstOf([tasks.hang("e"), tasks.hang("f")], { signal: controller.signal }));
    expect(reasonOf(aborted, "firstOf"), "the caller's signal aborted: firstOf should reject with its reason").toHaveProperty("message", "stop");
    expect(
      listeners(controller.signal),
      "the caller's signal aborted, but the listener firstOf added is still on it: add it with { once: true } or remove it",
    ).toBe(0);
  });
});

import { points, reasonOf, useVirtualClock, valueOf } from "@course/testkit";
import { getEventListeners } from "node:events";
import { describe, expect, test } from "vitest";
import { sleep } from "../src/index.ts";

const clock = useVirtualClock();

/** Abort listeners still registered on `signal`. */
const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

describe("sleep", () => {
  test("sleep resolves after ms milliseconds, with no value", async () => {
    expect(await clock.settle(sleep(0)), "sleep(0) should resolve straight away").toResolveAt(0);

    const outcome = await clock.settle(sleep(1500));
    expect(outcome).toResolveAt(1500);
    expect(valueOf(outcome), "sleep resolves with undefined").toBeUndefined();
  });

  test("sleep rejects with signal.reason as soon as the signal aborts during the wait", points(2), async () => {
    const controller = new AbortController();
    const reason = new Error("no longer needed");
    setTimeout(() => controller.abort(reason), 300);
    const outcome = await clock.settle(sleep(1000, { signal: controller.signal }));
    expect(outcome, "the signal aborted at 300ms: the sleep should reject then, not wait out its 1000ms").toRejectAt(300);
    expect(reasonOf(outcome), "sleep should reject with signal.reason itself (the value abort() was called with), not an error of its own").toBe(
      reason,
    );
  });

  test("sleep rejects at once with signal.reason when the signal is already aborted", async () => {
    const reason = new Error("cancelled before it began");
    const signal = AbortSignal.abort(reason);
    const outcome = await clock.settle(sleep(1000, { signal }));
    expect(
      outcome,
      "the signal was aborted before sleep was called; an aborted signal never fires 'abort' again, so check signal.aborted first",
    ).toRejectAt(0);
    expect(reasonOf(outcome), "sleep should reject with signal.reason itself").toBe(reason);
    expect(clock.pendingTimers(), "with the signal already aborted, sleep should not even set a timer").toBe(0);
    expect(listeners(signal), "with the signal already aborted, sleep should not add an abort listener").toBe(0);
  });

  test("sleep cleans up when the signal aborts: no timer left pending, no listener left on the signal", points(2), async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop")), 300);
    const outcome = await clock.settle(sleep(5000, { signal: controller.signal }));
    expect(outcome, "the signal aborted at 300ms: the sleep should reject then").toRejectAt(300);
    expect(
      clock.pendingTimers(),
      "sleep rejected at 300ms but its 5000ms timer is still pending: call clearTimeout(timer) when the signal aborts",
    ).toBe(0);
    expect(
      listeners(controller.signal),
      "an abort listener is still registered on the signal after it fired: add it with { once: true } (or remove it)",
    ).toBe(0);
  });

  test("sleep removes its abort listener once it resolves, so a long-lived signal collects none", points(2), async () => {
    const signal = new AbortController().signal;
    for (const [i, ms] of [100, 200, 300].entries()) {
      const outcome = await clock.settle(sleep(ms, { signal }));
      expect(valueOf(outcome), "a signal that never aborts should not change when sleep resolves").toBeUndefined();
      expect(
        listeners(signal),
        `after sleep number ${i + 1} resolved, ${listeners(signal)} abort listener(s) were still on the signal: ` +
          "remove yours (signal.removeEventListener) when the timer fires, or a signal shared by many sleeps piles them up",
      ).toBe(0);
    }
    expect(clock.now(), "three sleeps of 100, 200 and 300ms, one after another").toBe(600);
    expect(clock.pendingTimers()).toBe(0);
  });
});

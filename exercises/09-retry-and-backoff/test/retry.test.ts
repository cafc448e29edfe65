import { expectSettledAt, points, reasonOf, useVirtualClock, valueOf } from "@course/testkit";
import { getEventListeners } from "node:events";
import { describe, expect, test } from "vitest";
import { retry } from "../src/index.ts";
import { alwaysFails, expectSchedule, randomFrom, scripted } from "./support.ts";

const clock = useVirtualClock();

/** Abort listeners still registered on `signal`. */
const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

/** The backoff rule, as the schedule tests' failure messages state it. */
const RULE = "attempt 1 comes at once; after attempt k fails, wait min(maxDelayMs, baseDelayMs · factor^(k−1)) before attempt k+1";

describe("retry: the schedule", () => {
  test("retry makes attempt 1 at once, then waits baseDelayMs, 2·baseDelayMs, 4·baseDelayMs… between attempts", points(2), async () => {
    const fn = alwaysFails();
    const outcome = await clock.settle(retry(fn.fn, { retries: 3, baseDelayMs: 100 }));
    expectSchedule(
      fn.times(),
      [0, 100, 300, 700],
      `retries: 3 means 4 attempts. With baseDelayMs 100 and the default factor 2, the waits are 100, 200 and 400ms (${RULE}).`,
      fn.timeline(),
    );
    expectSettledAt(outcome, { rejectsAt: 700 }, "after the 4th attempt fails (at 700ms), retry should reject at once", fn.timeline());
  });

  test("retry grows the delays by `factor` and caps each one at maxDelayMs", points(2), async () => {
    const fn = alwaysFails();
    await clock.settle(retry(fn.fn, { retries: 5, baseDelayMs: 100, factor: 3, maxDelayMs: 1000 }));
    expectSchedule(
      fn.times(),
      [0, 100, 400, 1300, 2300, 3300],
      `With baseDelayMs 100, factor 3 and maxDelayMs 1000, the waits are 100, 300, 900, then 1000 (2700 capped) and 1000 (8100 capped): ${RULE}.`,
      fn.timeline(),
    );
  });

  test("retry with full jitter multiplies each capped delay by random(), called once per wait", points(2), async () => {
    const fn = alwaysFails();
    const random = randomFrom([0.5, 0.25, 0.5, 0.75]);
    await clock.settle(retry(fn.fn, { retries: 4, baseDelayMs: 1000, maxDelayMs: 3000, jitter: "full", random: random.random }));
    expectSchedule(
      fn.times(),
      [0, 500, 1000, 2500, 4750],
      "With baseDelayMs 1000, factor 2 and maxDelayMs 3000, the capped delays are 1000, 2000, 3000 (4000 capped) and " +
        "3000 (8000 capped). Full jitter multiplies each capped delay by random(), which returns 0.5, 0.25, 0.5, 0.75 here, " +
        "so the waits are 500, 500, 1500 and 2250ms.",
      fn.timeline(),
    );
    expect(random.calls, "random() should be called once per wait: 4 waits, 4 calls").toBe(4);
  });

  test('retry applies no jitter unless jitter is "full"', async () => {
    for (const jitter of [undefined, "none"] as const) {
      const fn = alwaysFails();
      const start = clock.now();
      await clock.settle(retry(fn.fn, { retries: 2, baseDelayMs: 100, jitter, random: () => 0 }));
      expectSchedule(
        fn.times(),
        [start, start + 100, start + 300],
        `With jitter ${jitter === undefined ? "left out" : `"none"`}, the waits are exactly 100 and 200ms: random() plays no part.`,
        fn.timeline(),
      );
    }
  });

  test("retry starts each wait when the attempt fails, not when it started", async () => {
    const fn = alwaysFails(100); // each attempt takes 100ms to fail
    await clock.settle(retry(fn.fn, { retries: 2, baseDelayMs: 100 }));
    expectSchedule(
      fn.times(),
      [0, 200, 500],
      "Each attempt here takes 100ms to fail. The wait begins when it fails: attempt 1 fails at 100ms, attempt 2 starts " +
        "100ms later (200ms) and fails at 300ms, attempt 3 starts 200ms later (500ms).",
      fn.timeline(),
    );
  });

  test("retry with baseDelayMs 0 retries without waiting", async () => {
    const fn = alwaysFails();
    const reason = reasonOf(await clock.settle(retry(fn.fn, { retries: 2, baseDelayMs: 0 })), "retry");
    expect(
      reason instanceof RangeError ? reason : undefined,
      "baseDelayMs 0 is a valid delay (only negatives and NaN are not): retry should not reject with a RangeError",
    ).toBeUndefined();
    expect(fn.calls.length, `retries: 2 means 3 attempts${fn.timeline()}`).toBe(3);
    // A timer of 0ms may fire a millisecond later (as in Node itself), so allow a few.
    expect(
      fn.times().length === 3 && fn.times().every((at) => at <= 5),
      `baseDelayMs 0: every delay is 0, so all 3 attempts should come at once (within a few ms), ` +
        `but they came at ${fn
          .times()
          .map((at) => `${at}ms`)
          .join(", ")}${fn.timeline()}`,
    ).toBe(true);
  });
});

describe("retry: attempts and results", () => {
  test("retry resolves with the value of the first attempt that succeeds, and makes no more", points(2), async () => {
    const fn = scripted<string>((n) => (n < 3 ? { fail: new Error(`failure ${n}`) } : { value: `ok on attempt ${n}` }));
    const outcome = await clock.settle(retry(fn.fn, { retries: 5, baseDelayMs: 100 }));
    expect(valueOf(outcome, "retry"), "retry resolves with what the successful attempt resolved with").toBe("ok on attempt 3");
    expectSettledAt(outcome, { resolvesAt: 300 }, "attempt 3 succeeds at 300ms: retry should resolve then", fn.timeline());
    await clock.advance(10_000);
    expect(fn.calls.length, `attempt 3 succeeded: no attempt should come after it${fn.timeline()}`).toBe(3);
  });

  test("retry rejects with the last attempt's error once `retries` retries have failed", points(2), async () => {
    const fn = alwaysFails();
    const outcome = await clock.settle(retry(fn.fn, { retries: 3, baseDelayMs: 100 }));
    await clock.advance(10_000);
    expect(fn.calls.length, `retries: 3 is 1 attempt plus 3 retries: 4 calls of fn${fn.timeline()}`).toBe(4);
    expect(reasonOf(outcome, "retry"), "retry should reject with the error of the last attempt (the 4th), as it is").toBe(fn.calls[3]?.failure);
  });

  test("retry with retries 0 makes one attempt and rejects with its error at once", async () => {
    const fn = alwaysFails();
    const outcome = await clock.settle(retry(fn.fn, { retries: 0, baseDelayMs: 100 }));
    expectSettledAt(outcome, { rejectsAt: 0 }, "retries: 0 means no retry: retry should reject as soon as the one attempt fails", fn.timeline());
    expect(reasonOf(outcome, "retry"), "retry should reject with the error of that attempt, as it is").toBe(fn.calls[0]?.failure);
    expect(clock.pendingTimers(), "with no retry left, there is nothing to wait for: no timer should be pending").toBe(0);
    await clock.advance(10_000);
    expect(fn.calls.length, `retries: 0 means exactly one call of fn${fn.timeline()}`).toBe(1);
  });

  test("retry with retries 1 makes exactly two attempts", async () => {
    const fn = alwaysFails();
    const outcome = await clock.settle(retry(fn.fn, { retries: 1, baseDelayMs: 100 }));
    await clock.advance(10_000);
    expectSchedule(fn.times(), [0, 100], "retries: 1 means one attempt and one retry, 100ms later.", fn.timeline());
    expect(reasonOf(outcome, "retry")).toEqual(new Error("failure 2"));
  });

  test("retry passes fn the attempt number, starting at 1", points(2), async () => {
    const fn = scripted<string>((n) => (n < 3 ? { fail: new Error(`failure ${n}`) } : { value: "ok" }));
    await clock.settle(retry(fn.fn, { retries: 3, baseDelayMs: 100 }));
    expect(
      fn.calls.map((call) => call.attempt),
      "fn(attempt, signal) gets the number of the attempt: 1 for the first call, 2 for the second…",
    ).toEqual([1, 2, 3]);
  });

  test("retry passes fn an AbortSignal even when the caller gives none", async () => {
    const fn = scripted<string>(() => ({ value: "ok" }));
    valueOf(await clock.settle(retry(fn.fn, { retries: 1, baseDelayMs: 100 })), "retry");
    const signal = fn.calls[0]?.signal;
    expect(signal, "fn(attempt, signal): the second argument should be an AbortSignal, also without options.signal").toBeInstanceOf(AbortSignal);
    expect((signal as AbortSignal).aborted, "nothing aborted: the signal fn gets should not be aborted").toBe(false);
  });
});

describe("retry: shouldRetry", () => {
  test("retry rejects at once with the error when shouldRetry returns false", points(2), async () => {
    const fatal = new Error("401: not allowed");
    const fn = scripted((n) => ({ fail: n === 2 ? fatal : new Error(`failure ${n}`) }));
    const outcome = await clock.settle(retry(fn.fn, { retries: 5, baseDelayMs: 100, shouldRetry: (error) => error !== fatal }));
    expectSettledAt(
      outcome,
      { rejectsAt: 100 },
      "attempt 2 fails at 100ms with an error shouldRetry refuses: retry should reject then",
      fn.timeline(),
    );
    expect(reasonOf(outcome, "retry"), "retry should reject with the error shouldRetry refused").toBe(fatal);
    await clock.advance(10_000);
    expect(fn.calls.length, `no attempt should follow an error shouldRetry refused${fn.timeline()}`).toBe(2);
  });

  test("retry calls shouldRetry with the error and the attempt number", async () => {
    const errors = [new Error("failure 1"), new Error("failure 2")];
    const fn = scripted<string>((n) => (n <= 2 ? { fail: errors[n - 1] } : { value: "ok" }));
    const seen: unknown[][] = [];
    const shouldRetry = (...args: unknown[]) => {
      seen.push(args);
      return true;
    };
    valueOf(await clock.settle(retry(fn.fn, { retries: 3, baseDelayMs: 100, shouldRetry })), "retry");
    expect(seen, "shouldRetry(error, attempt): the error of the failed attempt, and that attempt's number (from 1)").toEqual([
      [errors[0], 1],
      [errors[1], 2],
    ]);
  });
});

describe("retry: cancellation", () => {
  test("retry rejects with signal.reason the moment the signal aborts during a wait", points(2), async () => {
    const fn = alwaysFails();
    const controller = new AbortController();
    const reason = new Error("the user gave up");
    setTimeout(() => controller.abort(reason), 1500);
    const outcome = await clock.settle(retry(fn.fn, { retries: 5, baseDelayMs: 1000, signal: controller.signal }));
    expectSettledAt(
      outcome,
      { rejectsAt: 1500 },
      "attempts come at 0 and 1000ms; the signal aborts at 1500ms, during the 2000ms wait: retry should reject then, " +
        "not when the wait would have ended",
      fn.timeline(),
    );
    expect(reasonOf(outcome, "retry"), "retry should reject with signal.reason itself").toBe(reason);
  });

  test("retry makes no further attempt after the signal aborts during a wait", points(2), async () => {
    const fn = alwaysFails();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop")), 1500);
    await clock.settle(retry(fn.fn, { retries: 5, baseDelayMs: 1000, signal: controller.signal }));
    await clock.advance(60_000);
    const late = fn.calls.filter((call) => call.at >= 1500).map((call) => `attempt ${String(call.attempt)} at ${call.at}ms`);
    if (late.length > 0)
      expect.fail(`the signal aborted at 1500ms: fn should not be called after that, but it was: ${late.join(", ")}${fn.timeline()}`);
    expectSchedule(
      fn.times(),
      [0, 1000],
      "With baseDelayMs 1000, attempt 1 comes at 0ms and attempt 2 at 1000ms; the signal aborts at 1500ms, during the 2000ms wait, so there is no attempt 3.",
      fn.timeline(),
    );
  });

  test("retry clears its timer and removes its listener when the signal aborts during a wait", points(2), async () => {
    const fn = alwaysFails();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop")), 1500);
    const outcome = await clock.settle(retry(fn.fn, { retries: 5, baseDelayMs: 1000, signal: controller.signal }));
    expectSettledAt(outcome, { rejectsAt: 1500 }, "the signal aborted at 1500ms: retry should reject then", fn.timeline());
    expect(
      clock.pendingTimers(),
      "retry rejected at 1500ms, but a timer is still pending: the timer of the interrupted wait should be cleared when the signal aborts",
    ).toBe(0);
    expect(
      listeners(controller.signal),
      "an abort listener is still registered on the signal after retry rejected: remove every listener you added",
    ).toBe(0);
  });

  test("retry leaves no timer and no listener on the caller's signal once it settles", async () => {
    const signal = new AbortController().signal;
    const succeeds = scripted<string>((n) => (n < 3 ? { fail: new Error(`failure ${n}`) } : { value: "ok" }));
    valueOf(await clock.settle(retry(succeeds.fn, { retries: 3, baseDelayMs: 100, signal })), "retry");
    expect(
      listeners(signal),
      `retry resolved after 2 waits, but ${listeners(signal)} abort listener(s) are still on the signal: ` +
        "take yours back when a wait ends, or a long-lived signal piles them up",
    ).toBe(0);
    const fails = alwaysFails();
    reasonOf(await clock.settle(retry(fails.fn, { retries: 2, baseDelayMs: 100, signal })), "retry");
    expect(listeners(signal), `retry rejected after its retries ran out, but abort listener(s) are still on the signal`).toBe(0);
    expect(clock.pendingTimers(), "retry has settled: no timer of its should be pending").toBe(0);
  });

  test("retry stops at once when the signal aborts during an attempt, and makes no further attempt", async () => {
    // Attempt 2 (from 100ms) takes 1000ms; the signal aborts at 500ms, while it runs.
    const fn = scripted((n) => ({ fail: new Error(`failure ${n}`), after: n === 2 ? 1000 : 0 }));
    const controller = new AbortController();
    const reason = new Error("the user gave up");
    setTimeout(() => controller.abort(reason), 500);
    const outcome = await clock.settle(retry(fn.fn, { retries: 5, baseDelayMs: 100, signal: controller.signal }));
    expect(
      (fn.calls[1]?.signal as AbortSignal | undefined)?.aborted,
      "the signal passed to fn should abort when the caller's signal does, so that fn can stop its work",
    ).toBe(true);
    expectSettledAt(outcome, { rejectsAt: 500 }, "the signal aborted at 500ms, during attempt 2: retry should reject then", fn.timeline());
    expect(reasonOf(outcome, "retry"), "retry should reject with signal.reason itself").toBe(reason);
    await clock.advance(60_000);
    expect(fn.calls.length, `the caller gave up during attempt 2: there should be no 3rd attempt${fn.timeline()}`).toBe(2);
  });

  test("retry with an already aborted signal rejects with its reason and makes no attempt", async () => {
    const fn = alwaysFails();
    const reason = new Error("cancelled before it began");
    const outcome = await clock.settle(retry(fn.fn, { retries: 3, baseDelayMs: 100, signal: AbortSignal.abort(reason) }));
    expect(outcome, "the signal was aborted before retry was called: it should reject at once").toRejectAt(0);
    expect(reasonOf(outcome, "retry"), "retry should reject with signal.reason itself").toBe(reason);
    expect(fn.calls.length, "the caller has already given up: fn should not be called").toBe(0);
  });
});

describe("retry: bad arguments", () => {
  for (const option of ["retries", "baseDelayMs"] as const) {
    test(`retry rejects with a RangeError when ${option} is negative or NaN, before any attempt`, async () => {
      for (const bad of [-1, Number.NaN]) {
        const fn = alwaysFails();
        let call: Promise<unknown> | undefined;
        expect(() => {
          call = retry(fn.fn, { retries: 2, baseDelayMs: 100, [option]: bad });
        }, `retry returns a promise: with ${option} ${bad} it should reject, not throw`).not.toThrow();
        const outcome = await clock.settle(call!, { within: 10_000 });
        if (outcome.status === "pending") {
          throw new Error(
            `retry with ${option} ${bad} should reject with a RangeError before calling fn, but it had not settled ` +
              `after ${clock.now()}ms and had called fn ${fn.calls.length} times${fn.timeline()}`,
          );
        }
        const reason = reasonOf(outcome, `retry with ${option} ${bad}`);
        expect(reason, `${option} ${bad} is not a number >= 0: retry should reject with a RangeError`).toBeInstanceOf(RangeError);
        expect(fn.calls.length, `with ${option} ${bad}, retry should reject before calling fn at all`).toBe(0);
      }
    });
  }
});

import { describeReason, points, useVirtualClock, valueOf } from "@course/testkit";
import { describe, expect, test } from "vitest";
import { sumOfSquares, sumOfSquaresSync } from "../src/index.ts";
import { describeSettled, expectAboutOneBeatPerChunk, expectRejectedWith, MICROTASK_ADVICE, runWithHeartbeat, type Run } from "./helpers.ts";

// Each test runs sumOfSquares next to a heartbeat that beats once per turn of
// the (virtual) event loop, and turns the loop one turn at a time (1 virtual ms
// each). A sum that yields after every chunk lets it beat about once per chunk.
const clock = useVirtualClock();

/** 100000 → "100 000", as the messages write numbers. */
const fmt = (n: number) => n.toLocaleString("en").replaceAll(",", " ");
const call = (n: number, chunkSize?: number) => `sumOfSquares(${fmt(n)}${chunkSize === undefined ? "" : `, { chunkSize: ${fmt(chunkSize)} }`})`;

// Long enough that it is still working when the tests abort it at 5 ms (a few
// chunks in), short enough that code which ignores the abort finishes quickly.
const LONG = { n: 300_000, chunkSize: 1_000 };
const ABORT_AT = 5;

/** What to tell a student whose sum did not reject after an abort. */
function notRejectedHint(run: Run<unknown>, abortRan: boolean): string {
  if (run.outcome.status !== "fulfilled") return "";
  return abortRan
    ? `The signal aborted at ${ABORT_AT}ms, yet it went on to finish the whole sum: check the signal between chunks (signal.throwIfAborted()).`
    : `The abort comes from a timer set for ${ABORT_AT}ms, but the sum was done before the event loop got the turns ` +
        `it needed to run that timer. Yield to the loop after every chunk.`;
}

describe("sumOfSquares", () => {
  test("sumOfSquares keeps the event loop turning: the heartbeat beats about once per chunk", points(2), async () => {
    const run = await runWithHeartbeat(clock, () => sumOfSquares(100_000, { chunkSize: 10_000 }));
    const value = valueOf(run.outcome, call(100_000, 10_000));
    expectAboutOneBeatPerChunk(run, 10, call(100_000, 10_000));
    expect(value, "the chunked sum should equal sumOfSquaresSync(100 000)").toBe(sumOfSquaresSync(100_000));
  });

  test("sumOfSquares resolves with the same bigint as sumOfSquaresSync, whatever n and chunkSize", async () => {
    const cases: Array<[n: number, chunkSize?: number]> = [
      [0],
      [1],
      [2],
      [10],
      [9_999],
      [10_000],
      [10_001],
      [25_000],
      [100, 7],
      [10, 3],
      [10, 10],
      [5, 10],
      [10, 1],
    ];
    for (const [n, chunkSize] of cases) {
      const run = await runWithHeartbeat(clock, () => sumOfSquares(n, chunkSize === undefined ? undefined : { chunkSize }));
      expect(valueOf(run.outcome, call(n, chunkSize)), `${call(n, chunkSize)} should equal sumOfSquaresSync(${fmt(n)})`).toBe(sumOfSquaresSync(n));
    }
  });

  test("sumOfSquares uses chunks of 10 000 iterations by default", async () => {
    const plain = await runWithHeartbeat(clock, () => sumOfSquares(50_000));
    valueOf(plain.outcome, call(50_000));
    expectAboutOneBeatPerChunk(plain, 5, `${call(50_000)} (default chunkSize 10 000)`);

    const withSignal = await runWithHeartbeat(clock, () => sumOfSquares(50_000, { signal: new AbortController().signal }));
    valueOf(withSignal.outcome, "sumOfSquares(50 000, { signal })");
    expectAboutOneBeatPerChunk(withSignal, 5, "sumOfSquares(50 000, { signal }) (default chunkSize 10 000)");
  });

  test("sumOfSquares yields after every chunkSize iterations", async () => {
    for (const [chunkSize, chunks] of [
      [1_000, 10],
      [2_500, 4],
    ] as const) {
      const run = await runWithHeartbeat(clock, () => sumOfSquares(10_000, { chunkSize }));
      valueOf(run.outcome, call(10_000, chunkSize));
      expectAboutOneBeatPerChunk(run, chunks, call(10_000, chunkSize));
    }
  });

  test("sumOfSquares takes turns with other work: a short sum started later finishes first", async () => {
    const finished: Array<{ sum: string; beats: number }> = [];
    const run = await runWithHeartbeat(clock, (heartbeat) =>
      Promise.all([
        sumOfSquares(100_000).then(() => finished.push({ sum: "the long sum (10 chunks)", beats: heartbeat.ticks })),
        sumOfSquares(20_000).then(() => finished.push({ sum: "the short sum (2 chunks)", beats: heartbeat.ticks })),
      ]),
    );
    valueOf(run.outcome, "Promise.all of two sumOfSquares calls");
    expect(
      finished.map((f) => f.sum),
      "Two sums on one thread take turns when each yields after every chunk, so the short one finishes long " +
        "before the long one, though it started second. Here the long sum kept the thread to itself until it was done.",
    ).toEqual(["the short sum (2 chunks)", "the long sum (10 chunks)"]);
    // The other work is not only the other sum: timers and I/O take their turns too.
    const beats = finished[0]?.beats ?? 0;
    expect(
      beats,
      `The short sum did finish first, but the event loop did not turn once while the two sums took turns (the ` +
        `heartbeat, one beat per turn of the loop, beat ${beats} times before the short sum was done): they took ` +
        `turns only with each other, in microtasks, while every timer and I/O callback waited for both. ${MICROTASK_ADVICE}`,
    ).toBeGreaterThan(0);
  });

  test("sumOfSquares rejects with signal.reason within one chunk when the signal aborts mid-work", points(2), async () => {
    const controller = new AbortController();
    const reason = new Error("the user closed the report");
    let beatsAtAbort: number | undefined;
    const run = await runWithHeartbeat(clock, (heartbeat) => {
      setTimeout(() => {
        beatsAtAbort = heartbeat.ticks;
        controller.abort(reason);
      }, ABORT_AT);
      return sumOfSquares(LONG.n, { chunkSize: LONG.chunkSize, signal: controller.signal });
    });
    const what = `${call(LONG.n, LONG.chunkSize)} with a signal aborted at ${ABORT_AT}ms`;
    expectRejectedWith(run, reason, what, notRejectedHint(run, beatsAtAbort !== undefined));
    const turnsAfterAbort = run.beats - (beatsAtAbort ?? 0);
    expect(
      turnsAfterAbort,
      `After the abort, the event loop turned ${turnsAfterAbort} more times before sumOfSquares rejected: it went ` +
        `on computing chunk after chunk. Check the signal after every yield, so that at most one more chunk runs.`,
    ).toBeLessThanOrEqual(1);
  });

  test("sumOfSquares stops computing once aborted: nothing is left scheduled after it rejects", async () => {
    const controller = new AbortController();
    const reason = new Error("the user closed the report");
    const run = await runWithHeartbeat(clock, () => {
      setTimeout(() => controller.abort(reason), ABORT_AT);
      return sumOfSquares(LONG.n, { chunkSize: LONG.chunkSize, signal: controller.signal });
    });
    const what = `${call(LONG.n, LONG.chunkSize)} with a signal aborted at ${ABORT_AT}ms`;
    expectRejectedWith(run, reason, what, notRejectedHint(run, controller.signal.aborted));
    expect(
      clock.pendingTimers(),
      "After rejecting, sumOfSquares still had callbacks scheduled: its loop went on computing in the background, " +
        "for nobody. Rejecting the promise is not enough: stop the loop itself when the signal aborts (check the " +
        "signal between chunks and throw).",
    ).toBe(0);
  });

  test("sumOfSquares rejects with signal.reason without doing the work when the signal is already aborted", async () => {
    const reason = new Error("cancelled before it started");
    const run = await runWithHeartbeat(clock, () => sumOfSquares(LONG.n, { chunkSize: LONG.chunkSize, signal: AbortSignal.abort(reason) }));
    const what = `${call(LONG.n, LONG.chunkSize)} with an already-aborted signal`;
    const hint = run.outcome.status === "fulfilled" ? "It computed the whole sum: check the signal before (and between) chunks." : "";
    expectRejectedWith(run, reason, what, hint);
    expect(
      run.beats,
      `${what} should give up at once (at most one chunk in), but the event loop turned ${run.beats} times before it rejected.`,
    ).toBeLessThanOrEqual(1);
  });

  test("sumOfSquares can be stopped by AbortSignal.timeout, whose timer fires while it works", async () => {
    let signal: AbortSignal | undefined;
    const run = await runWithHeartbeat(clock, () => {
      signal = AbortSignal.timeout(ABORT_AT);
      return sumOfSquares(LONG.n, { chunkSize: LONG.chunkSize, signal });
    });
    const what = `${call(LONG.n, LONG.chunkSize)} with signal AbortSignal.timeout(${ABORT_AT})`;
    expectRejectedWith(run, signal?.reason, what, notRejectedHint(run, signal?.aborted ?? false));
    expect(signal?.reason, "the timeout's reason").toMatchObject({ name: "TimeoutError" });
  });

  test("sumOfSquares rejects with a RangeError when chunkSize is not a positive integer", async () => {
    for (const chunkSize of [0, -1, 1.5, Number.NaN]) {
      // Called inside then(), so that a synchronous throw counts here too: that mistake has a test of its own.
      const outcome = await clock.settle(Promise.resolve().then(() => sumOfSquares(1_000, { chunkSize })));
      const what = `sumOfSquares(1 000, { chunkSize: ${chunkSize} }) should reject with a RangeError`;
      if (outcome.status !== "rejected") throw new Error(`${what}, but ${describeSettled(outcome)}.`);
      expect(outcome.reason, `${what}, but it rejected with ${describeReason(outcome.reason)}`).toBeInstanceOf(RangeError);
    }
  });

  test("sumOfSquares reports a bad chunkSize by rejecting, not by throwing", async () => {
    let promise: Promise<bigint> | undefined;
    expect(() => {
      promise = sumOfSquares(1_000, { chunkSize: 0 });
    }, "sumOfSquares returns a promise, so it should report a bad chunkSize by rejecting that promise, not by throwing (an async function turns a throw into a rejection)").not.toThrow();
    const outcome = await clock.settle(promise!);
    expect(
      outcome.status === "rejected" ? outcome.reason : outcome,
      "sumOfSquares(1 000, { chunkSize: 0 }) should reject with a RangeError",
    ).toBeInstanceOf(RangeError);
  });
});

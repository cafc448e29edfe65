import { describeReason, startHeartbeat, whereItThrew, type Heartbeat, type Settled, type VirtualClock } from "@course/testkit";
import { expect } from "vitest";

/** How many turns of the event loop a test lets the code under test run before giving up. */
export const MAX_TURNS = 500;

/** What became of a call run by `runWithHeartbeat`. */
export interface Run<T> {
  /** How it settled, and when ("pending": still running after `turns` turns). */
  readonly outcome: Settled<T>;
  /** How many times the heartbeat had beaten when the call settled (or when the test gave up). */
  readonly beats: number;
  /** How many turns of the event loop the test ran. */
  readonly turns: number;
}

export interface RunOptions {
  /** Beat from a `setInterval` of this period instead of once per turn of the loop. */
  everyMs?: number;
}

/**
 * Starts a heartbeat (by default one beat per turn of the event loop: a
 * `setImmediate` that re-arms itself), calls `start`, then runs the virtual
 * event loop one turn at a time until the call settles or `MAX_TURNS` pass.
 * The heartbeat is stopped before this returns, so `clock.pendingTimers()`
 * afterwards counts only what the code under test left behind.
 *
 * Why not `clock.settle`: it jumps from timer to timer, and there a callback
 * queued by a promise continuation lands on the current millisecond while one
 * re-armed inside a timer callback lands on the next; code that yields with
 * `setImmediate` then starves a `setImmediate` heartbeat (one beat in ten
 * yields). Advancing the clock 1 ms at a time makes everything queued during a
 * turn wait for the next turn, as Node's own loop does, so the work and the
 * heartbeat take turns fairly whichever macrotask the code yields with. On this
 * clock, then, one turn of the loop takes 1 virtual ms.
 */
export async function runWithHeartbeat<T>(
  clock: VirtualClock,
  start: (heartbeat: Heartbeat) => Promise<T>,
  options: RunOptions = {},
): Promise<Run<T>> {
  const heartbeat = startHeartbeat(options.everyMs);
  try {
    let settled: { outcome: Settled<T>; beats: number } | undefined;
    start(heartbeat).then(
      (value) => (settled = { outcome: { status: "fulfilled", value, at: clock.now() }, beats: heartbeat.ticks }),
      (reason: unknown) => (settled = { outcome: { status: "rejected", reason, at: clock.now() }, beats: heartbeat.ticks }),
    );
    let turns = 0;
    while (!settled && turns < MAX_TURNS) {
      await clock.advance(1);
      turns++;
    }
    return settled
      ? { ...settled, turns }
      : { outcome: { status: "pending", at: clock.now() }, beats: heartbeat.ticks, turns };
  } finally {
    heartbeat.stop();
  }
}

/** How an outcome settled, in words, value included: "it resolved with 0n". */
export function describeSettled(outcome: Settled<unknown>): string {
  switch (outcome.status) {
    case "fulfilled": {
      const { value } = outcome;
      return `it resolved with ${typeof value === "bigint" ? `${value}n` : typeof value === "string" ? JSON.stringify(value) : String(value)}`;
    }
    case "rejected":
      return `it rejected with ${describeReason(outcome.reason)}`;
    case "pending":
      return `it had still not settled at ${outcome.at}ms`;
  }
}

/** How a run ended, in words, for failure messages. */
export function describeRun(run: Run<unknown>): string {
  const { outcome } = run;
  switch (outcome.status) {
    case "fulfilled":
      return `it resolved at ${outcome.at}ms`;
    case "rejected":
      return `it rejected at ${outcome.at}ms with ${describeReason(outcome.reason)}`;
    case "pending":
      return `it was still running after ${run.turns} turns of the event loop`;
  }
}

/** The value a run resolved with; fails the test with a readable reason if it did not resolve. */
export function valueOfRun<T>(run: Run<T>, call: string): T {
  if (run.outcome.status === "fulfilled") return run.outcome.value;
  const error = new Error(`Expected ${call} to resolve, but ${describeRun(run)}.${whereItThrew(run.outcome, true)}`);
  // The failure points at the test's line, not at this helper.
  Error.captureStackTrace(error, valueOfRun);
  throw error;
}

/**
 * Checks that a run rejected with exactly `expected` (the same object); when it
 * did not, the failure says what happened instead, followed by `hint`.
 */
export function expectRejectedWith(run: Run<unknown>, expected: unknown, call: string, hint = ""): void {
  const message = `Expected ${call} to reject with signal.reason itself, but ${describeRun(run)}.${hint ? ` ${hint}` : ""}`;
  if (run.outcome.status !== "rejected") {
    const error = new Error(message);
    Error.captureStackTrace(error, expectRejectedWith);
    throw error;
  }
  expect(
    run.outcome.reason,
    `${message} (signal.throwIfAborted() throws exactly signal.reason; an AbortError of your own, or of ` +
      `node:timers/promises, is not the same thing.)`,
  ).toBe(expected);
}

export const MICROTASK_ADVICE =
  "Resolving from a microtask (an already-resolved promise, queueMicrotask, process.nextTick) resumes your code " +
  "before the event loop runs anything else. Resolve from a macrotask instead: setImmediate, setTimeout(…, 0) " +
  "or scheduler.yield().";

/**
 * Checks that the heartbeat (one beat per turn of the loop) beat about once per
 * chunk of work while the call ran, and says what the count means when it did not.
 */
export function expectAboutOneBeatPerChunk(run: Run<unknown>, chunks: number, call: string): void {
  const { beats } = run;
  const [low, high] = [chunks - 1, chunks + 1];
  let why = "";
  if (beats === 0) {
    why =
      "The event loop never got a turn while it computed: every timer, I/O callback and request had to wait " +
      "for the whole sum. A chunk must end with `await yieldToEventLoop()`, and that yield must let the loop " +
      "turn: one that is not awaited, or one that resolves in a microtask (an already-resolved promise, " +
      "queueMicrotask, process.nextTick), lets nothing else run. (If yieldToEventLoop's own tests fail, start there.)";
  } else if (beats < low) {
    why = `The loop got only ${beats} turn(s) for ${chunks} chunks: yield after every chunk of chunkSize iterations, not only at the end or every few chunks.`;
  } else if (beats > high) {
    why = `The loop got ${beats} turns for ${chunks} chunks: yield once per chunk of chunkSize iterations, not more often.`;
  }
  const message =
    `${call} is ${chunks} chunks of work, so the heartbeat (it beats once per turn of the event loop) should ` +
    `have beaten about once per chunk, ${low} to ${high} times, before it resolved; it beat ${beats} time(s). ${why}`;
  expect(beats, message).toBeGreaterThanOrEqual(low);
  expect(beats, message).toBeLessThanOrEqual(high);
}

/**
 * "beat → yield 1 → beat → yield 2 → … → done": in what order the heartbeat's
 * beats and the caller's resumptions came, from the beat count seen after each.
 */
export function describeOrder(beatsSeen: readonly number[], beatsAtEnd: number, label = "yield"): string {
  const events: string[] = [];
  let beats = 0;
  beatsSeen.forEach((seen, i) => {
    for (; beats < seen; beats++) events.push("beat");
    events.push(`${label} ${i + 1}`);
  });
  for (; beats < beatsAtEnd; beats++) events.push("beat");
  events.push("done");
  return events.join(" → ");
}

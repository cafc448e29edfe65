import { describeOutcome, describeReason, startHeartbeat, watch, type Heartbeat, type Settled, type VirtualClock } from "@course/testkit";
import { expect } from "vitest";

/** How many turns of the event loop a test lets the code under test run before giving up. */
export const MAX_TURNS = 500;

/** What became of a call run by `runWithHeartbeat`. */
export interface Run<T> {
  /** How it settled, and when ("pending": still running after `MAX_TURNS` turns). */
  readonly outcome: Settled<T>;
  /** How many times the heartbeat had beaten when the call settled (or when the test gave up). */
  readonly beats: number;
}

export interface RunOptions {
  /** Beat from a `setInterval` of this period instead of once per turn of the loop. */
  everyMs?: number;
}

/**
 * Starts a heartbeat (by default one beat per turn of the event loop: a
 * `setImmediate` that re-arms itself), calls `start`, then runs the virtual
 * event loop one turn at a time (`clock.settleTurnByTurn`: 1 virtual ms per
 * turn, so that the work and the heartbeat take turns fairly, whichever
 * macrotask the code yields with) until the call settles or `MAX_TURNS` pass.
 * The heartbeat is stopped before this returns, so `clock.pendingTimers()`
 * afterwards counts only what the code under test left behind.
 */
export async function runWithHeartbeat<T>(
  clock: VirtualClock,
  start: (heartbeat: Heartbeat) => Promise<T>,
  options: RunOptions = {},
): Promise<Run<T>> {
  const heartbeat = startHeartbeat(options.everyMs);
  try {
    const call = start(heartbeat);
    let beatsAtSettle: number | undefined;
    // Counted the moment it settles, not when the test looks.
    watch(call, () => (beatsAtSettle = heartbeat.ticks));
    const outcome = await clock.settleTurnByTurn(call, { maxTurns: MAX_TURNS });
    return { outcome, beats: beatsAtSettle ?? heartbeat.ticks };
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

/**
 * Checks that a run rejected with exactly `expected` (the same object); when it
 * did not, the failure says what happened instead, followed by `hint`.
 */
export function expectRejectedWith(run: Run<unknown>, expected: unknown, call: string, hint = ""): void {
  const message = `Expected ${call} to reject with signal.reason itself, but ${describeOutcome(run.outcome)}.${hint ? ` ${hint}` : ""}`;
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

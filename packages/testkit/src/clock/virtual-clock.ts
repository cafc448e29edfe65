import { now } from "./now.ts";
import { afterAll, afterEach, beforeAll, beforeEach, vi } from "vitest";
import { installTimerShims, resetShimTimers, shimTimerCount, uninstallTimerShims } from "./timer-shims.ts";
import { mulberry32 } from "../random.ts";
import { installAbortMarks, uninstallAbortMarks } from "../timeline/marks.ts";
import { explainFailures } from "../timeline/what-happened.ts";
import { recordFigures } from "../timeline/figures.ts";
import { runTurnByTurn, type TurnByTurnOptions } from "./turn-by-turn.ts";

/** The seed of Math.random in every test on the virtual clock. */
const RANDOM_SEED = 0x5eed;

// Captured before any test fakes them: the clock needs a real turn of the event
// loop to let real I/O callbacks (not timers) deliver their results.
const realSetImmediate = globalThis.setImmediate;
const realTurn = () => new Promise<void>((resolve) => realSetImmediate(resolve));

/**
 * What became of a promise on the virtual clock, and when (ms since the test
 * began): the one shape the kit and the tests use for "how a promise ended".
 * "pending" says it had not settled at `at`; `gaveUp` says why the test stopped
 * waiting then ("after 500 turns of the event loop"), when it was not that
 * nothing was left to wait for.
 */
export type Settled<T> =
  | { status: "fulfilled"; value: T; at: number }
  | { status: "rejected"; reason: unknown; at: number }
  | { status: "pending"; at: number; gaveUp?: string };

export interface SettleOptions {
  /** How much virtual time to allow before giving up and reporting "pending". Default 60 000 ms. */
  within?: number;
}

export interface VirtualClock {
  /** Virtual milliseconds since the test began. */
  now(): number;
  /** Moves virtual time forward, running every timer (and the promises between them) on the way. */
  advance(ms: number): Promise<void>;
  /** Runs what is due now (timers at 0 ms, `setImmediate`) without moving time. */
  flush(): Promise<void>;
  /**
   * Runs virtual time until `promise` settles (or `within` runs out) and reports
   * how it settled and at what virtual time. Never throws for a rejection.
   */
  settle<T>(promise: PromiseLike<T>, options?: SettleOptions): Promise<Settled<T>>;
  /**
   * Like `settle`, but runs the clock 1 ms (one turn of the event loop) at a
   * time, so that code and a heartbeat that both yield to the loop take turns
   * fairly (see turn-by-turn.ts). Gives up after `maxTurns` (default 500).
   */
  settleTurnByTurn<T>(promise: PromiseLike<T>, options?: TurnByTurnOptions): Promise<Settled<T>>;
  /** Timers the code under test left pending (the kit's own are not counted). */
  pendingTimers(): number;
}

const FAKED = ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "clearImmediate", "Date", "performance"] as const;

let settling = false;

/** Two drivers of one clock would jump over each other's deadlines. */
function mustNotBeSettling(what: string): void {
  if (settling) {
    throw new Error(
      `clock.${what}() was called while clock.settle() is running the clock. ` +
        "To act at a given virtual time during a settle, schedule it: setTimeout(() => controller.abort(), 300).",
    );
  }
}

const clock: VirtualClock = {
  now,
  advance: async (ms) => {
    mustNotBeSettling("advance");
    await vi.advanceTimersByTimeAsync(ms);
  },
  flush: async () => {
    mustNotBeSettling("flush");
    await vi.advanceTimersByTimeAsync(0);
  },
  settle: <T>(promise: PromiseLike<T>, options: SettleOptions = {}) => drive("settle", () => runUntilSettled(promise, options)),
  settleTurnByTurn: <T>(promise: PromiseLike<T>, options: TurnByTurnOptions = {}) => drive("settleTurnByTurn", () => runTurnByTurn(promise, options)),
  pendingTimers: () => vi.getTimerCount() - shimTimerCount(),
};

/** Runs one driver of the clock, refusing a second one meanwhile. */
async function drive<T>(what: string, run: () => Promise<T>): Promise<T> {
  mustNotBeSettling(what);
  settling = true;
  try {
    return await run();
  } finally {
    settling = false;
  }
}

async function runUntilSettled<T>(promise: PromiseLike<T>, options: SettleOptions): Promise<Settled<T>> {
  const deadline = now() + (options.within ?? 60_000);
  let outcome: Settled<T> | undefined;
  Promise.resolve(promise).then(
    (value) => (outcome = { status: "fulfilled", value, at: now() }),
    (reason: unknown) => (outcome = { status: "rejected", reason, at: now() }),
  );
  await vi.advanceTimersByTimeAsync(0);
  let idleTurns = 0;
  while (!outcome && now() <= deadline) {
    if (vi.getTimerCount() > 0) {
      idleTurns = 0;
      await vi.advanceTimersToNextTimerAsync();
      continue;
    }
    // Nothing is scheduled on the clock: give real I/O a few turns, then give up.
    if (++idleTurns > 5) break;
    await realTurn();
    await vi.advanceTimersByTimeAsync(0);
  }
  if (outcome) return outcome;
  return now() > deadline
    ? { status: "pending", at: now(), gaveUp: `at the end of the ${options.within ?? 60_000}ms it allows` }
    : { status: "pending", at: now() };
}

/**
 * Runs every test of the file on virtual time: `setTimeout` & co., `Date`,
 * `performance.now()`, `AbortSignal.timeout()` and `node:timers/promises`
 * all follow a clock that starts at 0 and only moves when the test moves it;
 * `Math.random` gives the same numbers in every run of a test.
 * Call it once, at the top of a test file (or a `describe`).
 */
export function useVirtualClock(): VirtualClock {
  let randomSpy: { mockRestore(): void } | undefined;
  const fake = () => {
    vi.useFakeTimers({ now: 0, toFake: [...FAKED], fakeNodeBuiltins: true });
    installTimerShims();
    installAbortMarks();
  };
  // Faked once per file, and set back to 0 before each test: installing fake
  // timers anew for every test costs more than many tests take.
  beforeAll(fake);
  beforeEach(() => {
    if (!vi.isFakeTimers()) fake();
    // Back to 0, and every timer a previous test left behind dropped.
    vi.clearAllTimers();
    resetShimTimers();
    // Chance too is replayed: code that leans on Math.random (jitter, shuffles)
    // does the same on every run, so a result never depends on luck.
    randomSpy = vi.spyOn(Math, "random").mockImplementation(mulberry32(RANDOM_SEED));
    explainFailures();
    recordFigures();
  });
  afterEach(() => {
    settling = false;
    randomSpy?.mockRestore();
  });
  afterAll(() => {
    uninstallTimerShims();
    uninstallAbortMarks();
    vi.useRealTimers();
  });
  return clock;
}

// Helpers for tests that run real threads: this exercise is the one (with 01)
// that does not use the virtual clock, because worker threads run for real.
// Nothing here measures speed: parallelism is proven by tasks meeting each
// other (see fixtures/scripted.ts), and the only clock is a generous limit
// that turns a hang into a readable failure.
import { createRequire, syncBuiltinESMExports } from "node:module";
import type { Worker } from "node:worker_threads";
import { settleInRealTime, type Settled } from "@course/testkit";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { bump, counters, FINISHED, RECEIVED, REPORTED_THREAD } from "./fixtures/board.ts";

/** A task module in test/fixtures, as a file: URL. */
export const fixture = (name: string): URL => new URL(`./fixtures/${name}.ts`, import.meta.url);

/**
 * Real milliseconds a call may take before the test reports it as hanging. A
 * right pool settles in a few hundred; the margin is for a machine so busy that
 * starting a thread takes seconds (a fresh clone's first course check, its
 * caches cold, beside the grader's own tests: 5 s was once not enough for the
 * reference), and for wrong pools whose tasks give up after WAIT_MS or
 * MEET_WAIT_MS (see fixtures/board.ts). Only a call that hangs waits this long.
 */
export const SETTLE_LIMIT_MS = 12_000;

/** Real milliseconds a test may take: a few calls, one of which may hang until SETTLE_LIMIT_MS. */
export const TEST_LIMIT_MS = 30_000;

interface Tracked {
  readonly worker: Worker;
  /** Its threadId, kept: a worker's own `threadId` turns to -1 once it stops. */
  readonly threadId: number;
  exited: boolean;
}

/** The Worker threads started during the current test, as seen from the outside. */
export interface WorkerWatch {
  /** How many `new Worker(…)` calls the current test has seen. */
  started(): number;
  /** The threadIds of those workers, in the order they were started. */
  threadIds(): number[];
  /** How many of them have not yet emitted `exit`. */
  alive(): number;
  /**
   * Waits (real time, at most `ms`) for the workers still alive to exit on
   * their own; resolves with how many did, how many are still alive, and how
   * long the last one that exited took.
   */
  waitForExits(ms: number): Promise<{ exited: number; stillAlive: number; tookMs: number }>;
}

// The test watches every `Worker` the code under test creates, however it
// imports the class (`node:worker_threads` or `worker_threads`; a named,
// namespace or default import; `require`): it swaps the module's own `Worker`
// for a subclass that records each instance and its `exit` event. The swap
// happens as soon as this file is imported, so test files import it before
// src/: even code that keeps a copy of `Worker` when it loads gets the watched one.
const workerThreads = createRequire(import.meta.url)("node:worker_threads") as { Worker: typeof Worker };
const OriginalWorker = workerThreads.Worker;
let tracked: Tracked[] = [];
const aliveNow = () => tracked.filter((t) => !t.exited).length;

/** The board of the test that waits for a reported task's result to arrive (see `afterReported` in scripted.ts). */
let reportingBoard: SharedArrayBuffer | undefined;

class WatchedWorker extends OriginalWorker {
  constructor(...args: ConstructorParameters<typeof Worker>) {
    super(...args);
    const entry: Tracked = { worker: this, threadId: this.threadId, exited: false };
    tracked.push(entry);
    this.once("exit", () => {
      entry.exited = true;
    });
    // Registered before the pool's own listener: by the time the pool sees the
    // reported task's result, the task waiting for it has been let go, and its
    // own result can only come after.
    this.on("message", () => {
      const board = reportingBoard;
      if (board && read(board, FINISHED) > 0 && read(board, REPORTED_THREAD) === this.threadId) bump(board, RECEIVED);
    });
  }
}

/** Lets a task with `afterReported` go once the result of the task with `report` reaches the main thread. */
export function reportArrivals(board: SharedArrayBuffer): void {
  reportingBoard = board;
}

function swapIn(worker: typeof Worker): void {
  if (workerThreads.Worker === worker) return;
  workerThreads.Worker = worker;
  // Carries the swap over to every ES module import of node:worker_threads, live bindings included.
  syncBuiltinESMExports();
}

swapIn(WatchedWorker);

/**
 * Counts, for each test, the workers started and those still alive. Workers a
 * test leaves alive are terminated after it, so a leak fails one test, not the run.
 */
export function watchWorkers(): WorkerWatch {
  // Again before each file (in case test files share a process and this module),
  // and the original back after it.
  beforeAll(() => swapIn(WatchedWorker));
  afterAll(() => swapIn(OriginalWorker));
  beforeEach(() => {
    tracked = [];
    reportingBoard = undefined;
  });
  afterEach(async () => {
    await Promise.all(tracked.filter((t) => !t.exited).map((t) => t.worker.terminate()));
  });

  return {
    started: () => tracked.length,
    threadIds: () => tracked.map((t) => t.threadId),
    alive: aliveNow,
    waitForExits: async (ms) => {
      const started = performance.now();
      const alive = tracked.filter((t) => !t.exited);
      let tookMs = 0;
      let timer: NodeJS.Timeout | undefined;
      const exits = alive.map(
        (t) =>
          new Promise<void>((resolve) => {
            if (t.exited) return resolve();
            t.worker.once("exit", () => {
              tookMs = Math.round(performance.now() - started);
              resolve();
            });
          }),
      );
      await Promise.race([Promise.all(exits), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
      clearTimeout(timer);
      const stillAlive = alive.filter((t) => !t.exited).length;
      return { exited: alive.length - stillAlive, stillAlive, tookMs };
    },
  };
}

/**
 * Real milliseconds a failing test waits, after the call settled with workers
 * still alive, to tell workers on their way out from workers nothing stopped.
 */
export const EXIT_GRACE_MS = 1500;

/**
 * What became of the workers still alive when the call settled, in words: they
 * exited soon after (the call did not wait for them), or they did not (nothing
 * stopped them). Waits up to EXIT_GRACE_MS of real time to find out.
 */
export async function describeStillAlive(workers: WorkerWatch, alive: number, when: string): Promise<string> {
  const { exited, stillAlive, tookMs } = await workers.waitForExits(EXIT_GRACE_MS);
  const head =
    `${alive} of the ${workers.started()} workers had not exited yet when runInWorkerPool ${when}: ` +
    "every worker must have exited (its exit event fired) before the call settles.";
  if (stillAlive === 0) {
    return (
      `${head} ${alive === 1 ? "It" : "They"} did exit, within ${tookMs} ms after: the call settled without waiting for ${alive === 1 ? "it" : "them"}. Wait for each ` +
      "worker's exit before settling: worker.terminate() returns a promise that resolves once the worker has exited."
    );
  }
  return (
    `${head} ${exited === 0 ? (alive === 1 ? "It did not exit" : "None of them exited") : `Only ${exited} of them exited`} in the ` +
    `${EXIT_GRACE_MS} ms that followed: nothing stopped ${stillAlive === 1 ? "it" : "them"}. A worker waiting for messages ` +
    "stays alive until it is terminated (worker.terminate())."
  );
}

/** The failure message when the test saw no worker at all. */
export const NO_WORKER_SEEN =
  "the test saw no worker started: runInWorkerPool should run the tasks in worker threads, created with " + "new Worker(…) from node:worker_threads";

/**
 * How a call ended (the kit's outcome shape, `at` in real ms since the call),
 * and how many workers were still alive at that very moment.
 */
export type Outcome<T> = Settled<T> & { aliveAtSettle: number };

/**
 * Waits (real time, at most `limitMs`) for `promise` to settle. The live
 * workers are counted in the first reaction to the promise: no event (a
 * worker's `exit` included) can run between it settling and that count.
 */
export async function settle<T>(promise: Promise<T>, workers: WorkerWatch, limitMs = SETTLE_LIMIT_MS): Promise<Outcome<T>> {
  let aliveAtSettle: number | undefined;
  const outcome = await settleInRealTime(promise, limitMs, () => (aliveAtSettle = workers.alive()));
  return { ...outcome, aliveAtSettle: aliveAtSettle ?? workers.alive() };
}

export function describeReason(reason: unknown): string {
  const text = reason instanceof Error ? `${reason.name}: ${reason.message}` : typeof reason === "string" ? JSON.stringify(reason) : String(reason);
  if (/Unknown file extension "\.ts"|ERR_UNKNOWN_FILE_EXTENSION/.test(text)) {
    return (
      `${text}\n(This Node (${process.version}) does not run TypeScript files by itself. Node 22.18 and later ` +
      "strip types by default: install Node 24, the course's version.)"
    );
  }
  return text;
}

function describeOutcome(outcome: Outcome<unknown>): string {
  switch (outcome.status) {
    case "fulfilled":
      return "it resolved";
    case "rejected":
      return `it rejected with ${describeReason(outcome.reason)}`;
    case "pending":
      return `it had still not settled after ${SETTLE_LIMIT_MS} ms of real time (with ${outcome.aliveAtSettle} worker(s) alive)`;
  }
}

/**
 * The value the call resolved with; otherwise fails the test with `expected`
 * (what should have happened) and what happened instead.
 */
export function valueOf<T>(outcome: Outcome<T>, expected = "runInWorkerPool should resolve"): T {
  if (outcome.status === "fulfilled") return outcome.value;
  throw new Error(`${expected}, but ${describeOutcome(outcome)}.`);
}

/** The reason the call rejected with; otherwise fails the test with `expected` and what happened instead. */
export function reasonOf(outcome: Outcome<unknown>, expected = "runInWorkerPool should reject"): unknown {
  if (outcome.status === "rejected") return outcome.reason;
  throw new Error(`${expected}, but ${describeOutcome(outcome)}.`);
}

/**
 * Waits (real time, without blocking this thread) until a board slot holds
 * at least `atLeast`; false if `ms` ran out first, or if `call` settled first
 * (a call that is over will start nothing more).
 */
export async function waitForBoard(
  board: SharedArrayBuffer,
  slot: number,
  atLeast: number,
  call: Promise<unknown>,
  ms = SETTLE_LIMIT_MS,
): Promise<boolean> {
  const counts = counters(board);
  const deadline = performance.now() + ms;
  let over = false;
  const ended = call.then(
    () => (over = true),
    () => (over = true),
  );
  for (let seen = Atomics.load(counts, slot); seen < atLeast; seen = Atomics.load(counts, slot)) {
    const left = deadline - performance.now();
    if (left <= 0 || over) return false;
    const wait = Atomics.waitAsync(counts, slot, seen, left);
    if (wait.async) await Promise.race([wait.value, ended]);
  }
  return true;
}

/** The board's counter in `slot`, now. */
export const read = (board: SharedArrayBuffer, slot: number): number => Atomics.load(counters(board), slot);

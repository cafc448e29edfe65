// Helpers for tests that run real threads: this exercise is the one (with 01)
// that does not use the virtual clock, because worker threads run for real.
// Nothing here measures speed: parallelism is proven by tasks meeting each
// other (see fixtures/scripted.ts), and the clocks are generous limits that
// turn a hang into a readable failure. A wait the test can see is in vain (every
// worker blocked waiting for tasks none can run, no worker left to reply, a
// worker told to stop) ends on the event that shows it, not on its limit: a
// wrong pool fails as soon as the test is sure, a right one is never hurried.
import { EventEmitter } from "node:events";
import { createRequire, syncBuiltinESMExports } from "node:module";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Worker } from "node:worker_threads";
import { settleInRealTime, type Settled } from "@course/testkit";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { bump, counters, FINISHED, GAVE_UP, MEETING, RECEIVED, REPORTED_THREAD, WAITING } from "./fixtures/board.ts";

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

/**
 * Real milliseconds a call still pending may take to settle once every worker
 * it started has exited (and none has started since). A right pool settles in
 * a few turns of the event loop after its last worker's `exit` event (nothing
 * is left to start or wait for); the margin is for a machine loaded far past
 * its cores. A call still pending by then was waiting for a reply that can
 * never come.
 */
export const SETTLE_AFTER_LAST_EXIT_MS = 2000;

/** Real milliseconds a test may take: a few calls, one of which may hang until SETTLE_LIMIT_MS. */
export const TEST_LIMIT_MS = 30_000;

interface Tracked {
  readonly worker: Worker;
  /** Its threadId, kept: a worker's own `threadId` turns to -1 once it stops. */
  readonly threadId: number;
  /** Its `online` event has fired: the thread runs (so whatever the pool does when it starts has happened). */
  online: boolean;
  /** Something asked it to stop: the code called `terminate()`, or it emitted `error` (an error stops a worker). */
  stopping: boolean;
  exited: boolean;
}

/** A worker as the test last saw it, kept by `settle` for each worker alive when the call settled. */
export type WatchedAtSettle = Readonly<Tracked>;

/** The Worker threads started during the current test, as seen from the outside. */
export interface WorkerWatch {
  /** How many `new Worker(…)` calls the current test has seen. */
  started(): number;
  /** The threadIds of those workers, in the order they were started. */
  threadIds(): number[];
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
/** Emits "change" whenever a worker starts, comes online or exits: the moments a test's waits look again. */
const workerEvents = new EventEmitter();
// Each wait adds a one-time listener, dropped at the next event (settle emits one when it ends): there may be several at once.
workerEvents.setMaxListeners(0);
const nextWorkerEvent = () => new Promise<void>((resolve) => workerEvents.once("change", () => resolve()));

/** The board of the test that waits for a reported task's result to arrive (see `afterReported` in scripted.ts). */
let reportingBoard: SharedArrayBuffer | undefined;

/** Each watched worker's entry (a map, not a field: `emit` may run before the constructor's own code). */
const entries = new WeakMap<Worker, Tracked>();

class WatchedWorker extends OriginalWorker {
  constructor(...args: ConstructorParameters<typeof Worker>) {
    super(...args);
    const entry: Tracked = { worker: this, threadId: this.threadId, online: false, stopping: false, exited: false };
    entries.set(this, entry);
    tracked.push(entry);
    // Registered before any listener of the pool's: whatever the pool does on
    // these events happens after the test has noted them.
    this.once("online", () => {
      entry.online = true;
      workerEvents.emit("change");
    });
    this.once("exit", () => {
      entry.exited = true;
      workerEvents.emit("change");
    });
    // Registered before the pool's own listener: by the time the pool sees the
    // reported task's result, the task waiting for it has been let go, and its
    // own result can only come after.
    this.on("message", () => {
      const board = reportingBoard;
      if (board && read(board, FINISHED) > 0 && read(board, REPORTED_THREAD) === this.threadId) bump(board, RECEIVED);
    });
    workerEvents.emit("change");
  }

  override terminate(): Promise<number> {
    const entry = entries.get(this);
    if (entry) entry.stopping = true;
    return super.terminate();
  }

  // An `error` stops a worker: noted as it is emitted, not by a listener of
  // the test's own, which would turn an error the pool leaves unhandled (an
  // uncaught exception, as without the test) into one nobody sees.
  override emit(event: string | symbol, ...args: unknown[]): boolean {
    const entry = entries.get(this);
    if (event === "error" && entry) entry.stopping = true;
    return super.emit(event, ...args);
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
  };
}

/** Waits (real time, at most `ms`) for a worker to exit; how long that took, or undefined if it did not. */
async function exitOf(entry: WatchedAtSettle, ms: number): Promise<number | undefined> {
  const started = performance.now();
  while (!entry.exited) {
    const left = started + ms - performance.now();
    if (left <= 0) return undefined;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([nextWorkerEvent(), new Promise<void>((resolve) => (timer = setTimeout(resolve, left)))]);
    clearTimeout(timer);
  }
  return Math.round(performance.now() - started);
}

const them = (n: number) => (n === 1 ? "it" : "them");

/**
 * What became of the workers still alive when the call settled, in words.
 * Workers something had asked to stop (the code called terminate(), or they
 * failed with an error) are surely on their way out: the test waits for their
 * exit (an event, not a guess) and says the call did not wait for it. Of the
 * others, it says what the code did: it never asked them to stop.
 */
export async function describeStillAlive(outcome: Outcome<unknown>, when: string): Promise<string> {
  const alive = outcome.aliveWorkersAtSettle;
  const stopping = alive.filter((t) => t.stopping);
  const left = alive.filter((t) => !t.stopping);
  const head =
    `${alive.length} of the ${outcome.startedAtSettle} workers had not exited yet when runInWorkerPool ${when}: ` +
    "every worker must have exited (its exit event fired) before the call settles.";
  const parts = [head];
  if (stopping.length > 0) {
    const took = await Promise.all(stopping.map((t) => exitOf(t, SETTLE_LIMIT_MS)));
    const exited = took.filter((ms) => ms !== undefined);
    const which = stopping.length === alive.length ? (alive.length === 1 ? "It" : "They") : `${stopping.length} of them`;
    parts.push(
      exited.length === stopping.length
        ? `${which} had been told to stop (terminate() called, or an error) and did exit, within ${Math.max(...exited)} ms after: the call settled ` +
            `without waiting for ${them(stopping.length)}. Wait for each worker's exit before settling: worker.terminate() returns a ` +
            "promise that resolves once the worker has exited."
        : `${which} had been told to stop (terminate() called, or an error), but only ${exited.length} exited in the ${SETTLE_LIMIT_MS} ms that followed.`,
    );
  }
  if (left.length > 0) {
    const which = left.length === alive.length ? them(left.length) : `${left.length} of them`;
    parts.push(
      `Nothing had stopped ${which}: runInWorkerPool never called terminate() on ${them(left.length)}. A worker waiting for ` +
        "messages stays alive until it is terminated (worker.terminate()); one that ends on its own must still be waited for " +
        "(its exit event) before the call settles.",
    );
  }
  return parts.join(" ");
}

/** The failure message when the test saw no worker at all. */
export const NO_WORKER_SEEN =
  "the test saw no worker started: runInWorkerPool should run the tasks in worker threads, created with " + "new Worker(…) from node:worker_threads";

/**
 * How a call ended (the kit's outcome shape, `at` in real ms since the call),
 * how many workers the test had seen start by then, and which of them were
 * still alive at that very moment.
 */
export type Outcome<T> = Settled<T> & { startedAtSettle: number; aliveWorkersAtSettle: readonly WatchedAtSettle[] };

/**
 * Resolves (real time) once at least one worker has started and none is alive,
 * and that has lasted `ms`; never while a worker is alive. The wait starts
 * again whenever a worker starts.
 */
async function allExitedFor(ms: number, isOver: () => boolean): Promise<void> {
  while (!isOver()) {
    if (tracked.length > 0 && aliveNow() === 0) {
      const count = tracked.length;
      let timer: NodeJS.Timeout | undefined;
      const quiet = await Promise.race([
        nextWorkerEvent().then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), ms))),
      ]);
      clearTimeout(timer);
      if (quiet && tracked.length === count) return;
    } else {
      await nextWorkerEvent();
    }
  }
}

/**
 * Waits (real time) for `promise` to settle: at most `limitMs`, and at most
 * SETTLE_AFTER_LAST_EXIT_MS once every worker it started has exited (a call
 * with no worker left and none starting waits for a reply that cannot come).
 * The live workers are counted in the first reaction to the promise, in the
 * very turn it settles: no event (a worker's `exit` included) can run between the two.
 */
export async function settle<T>(promise: Promise<T>, workers: WorkerWatch, limitMs = SETTLE_LIMIT_MS): Promise<Outcome<T>> {
  const snapshot = () => ({ startedAtSettle: workers.started(), aliveWorkersAtSettle: tracked.filter((t) => !t.exited) });
  let atSettle: ReturnType<typeof snapshot> | undefined;
  let over = false;
  const stranded = allExitedFor(SETTLE_AFTER_LAST_EXIT_MS, () => over).then(
    () => `${SETTLE_AFTER_LAST_EXIT_MS} ms after the last of its ${workers.started()} worker(s) had exited, with none left to reply`,
  );
  try {
    const outcome = await settleInRealTime(promise, limitMs, () => (atSettle = snapshot()), stranded);
    return { ...outcome, ...(atSettle ?? snapshot()) };
  } finally {
    over = true;
    // Wakes the wait for an exit above, so that it sees the call is over and ends.
    workerEvents.emit("change");
  }
}

/**
 * Lets go the tasks waiting for other tasks (see `forOthers` in board.ts) once
 * their wait surely cannot end: every worker the pool started is running
 * (online) and busy with such a waiting task, so no worker is left to run the
 * tasks they wait for; and a pool starts workers when called or when one of
 * its workers does something, which none of them can now do. The waiting
 * tasks then fail at once, saying why, instead of each waiting out its time
 * (MEET_WAIT_MS, WAIT_MS). A right pool never gets there: it has a worker
 * free for the tasks waited for. Ends when `call` settles.
 */
export function giveUpWaitsThatCannotEnd(board: SharedArrayBuffer, call: Promise<unknown>): void {
  const counts = counters(board);
  let over = false;
  const ended = call.then(
    () => (over = true),
    () => (over = true),
  );
  const cannotEnd = () => tracked.length > 0 && tracked.every((t) => t.online && !t.exited) && Atomics.load(counts, WAITING) >= tracked.length;
  const deadline = performance.now() + SETTLE_LIMIT_MS;
  void (async () => {
    while (!over && performance.now() < deadline) {
      if (cannotEnd()) {
        Atomics.store(counts, GAVE_UP, tracked.length);
        for (const slot of [MEETING, FINISHED, RECEIVED]) Atomics.notify(counts, slot);
        return;
      }
      const waiting = Atomics.waitAsync(counts, WAITING, Atomics.load(counts, WAITING), deadline - performance.now());
      await Promise.race([waiting.async ? waiting.value : undefined, nextWorkerEvent(), ended]);
      // One more turn, so that whatever the pool does on that same event (start another worker) has happened first.
      await nextTurn();
    }
  })();
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
      return `it had still not settled ${outcome.gaveUp ?? `after ${SETTLE_LIMIT_MS} ms of real time`} (with ${outcome.aliveWorkersAtSettle.length} worker(s) alive)`;
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

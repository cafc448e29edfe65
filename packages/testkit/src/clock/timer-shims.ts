// Node's `AbortSignal.timeout()` and `node:timers/promises` keep their own
// references to the real timers, so vitest's fake timers never reach them
// (vitest#3088, sinonjs/fake-timers#521). A student who uses them idiomatically
// must still pass, so while the virtual clock runs we swap in versions built on
// the global (faked) `setTimeout`/`setImmediate`/`setInterval`.
import { createRequire, syncBuiltinESMExports } from "node:module";

const require = createRequire(import.meta.url);
type TimersPromises = typeof import("node:timers/promises");
const timersPromises: TimersPromises = require("node:timers/promises");

/** The error Node's promise timers reject with when their signal aborts. */
export class AbortError extends Error {
  readonly code = "ABORT_ERR";
  constructor(cause: unknown) {
    super("The operation was aborted", { cause });
    this.name = "AbortError";
  }
}

let shimTimers = 0;

/** Timers the shims themselves hold (e.g. an unfired `AbortSignal.timeout`). */
export function shimTimerCount(): number {
  return shimTimers;
}

/** Forgets the shims' timers: the clock has just dropped every timer. */
export function resetShimTimers(): void {
  shimTimers = 0;
}

function validateDelay(name: string, ms: unknown): number {
  if (typeof ms !== "number" || Number.isNaN(ms) || ms < 0) {
    throw new RangeError(`${name}: the delay must be a non-negative number, got ${String(ms)}`);
  }
  return ms;
}

function abortSignalTimeout(ms: number): AbortSignal {
  validateDelay("AbortSignal.timeout", ms);
  const controller = new AbortController();
  shimTimers++;
  // Like Node's own, this timer is not tied to any listener: it fires once.
  globalThis.setTimeout(() => {
    shimTimers--;
    controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError"));
  }, ms);
  return controller.signal;
}

type Schedule = (done: () => void) => () => void;

/** A promise that settles when `schedule` calls back, or rejects on abort. */
function scheduled<T>(schedule: Schedule, value: T, signal: AbortSignal | undefined): Promise<T> {
  if (signal?.aborted) return Promise.reject(new AbortError(signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      cancel();
      reject(new AbortError(signal?.reason));
    };
    const cancel = schedule(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(value);
    });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

const afterDelay =
  (ms: number): Schedule =>
  (done) => {
    const id = globalThis.setTimeout(done, ms);
    return () => globalThis.clearTimeout(id);
  };

const onNextTurn: Schedule = (done) => {
  const id = globalThis.setImmediate(done);
  return () => globalThis.clearImmediate(id);
};

interface TimerOptions {
  signal?: AbortSignal;
  ref?: boolean;
}

function sleep<T = void>(delay = 1, value?: T, options: TimerOptions = {}): Promise<T> {
  return scheduled(afterDelay(validateDelay("setTimeout", delay)), value as T, options.signal);
}

function nextTurn<T = void>(value?: T, options: TimerOptions = {}): Promise<T> {
  return scheduled(onNextTurn, value as T, options.signal);
}

async function* ticks<T = void>(delay = 1, value?: T, options: TimerOptions = {}): AsyncGenerator<T> {
  const { signal } = options;
  if (signal?.aborted) throw new AbortError(signal.reason);
  let pending = 0;
  let wake: (() => void) | undefined;
  const id = globalThis.setInterval(
    () => {
      pending++;
      wake?.();
    },
    validateDelay("setInterval", delay),
  );
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort);
  try {
    while (true) {
      if (pending === 0 && !signal?.aborted) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
      if (signal?.aborted) throw new AbortError(signal.reason);
      pending--;
      yield value as T;
    }
  } finally {
    globalThis.clearInterval(id);
    signal?.removeEventListener("abort", onAbort);
  }
}

const shims = {
  setTimeout: sleep,
  setImmediate: nextTurn,
  setInterval: ticks,
};
const schedulerShims = {
  wait: (delay: number, options?: TimerOptions) => sleep(delay, undefined, options),
  yield: () => nextTurn(),
};

const originals = {
  abortSignalTimeout: AbortSignal.timeout,
  setTimeout: timersPromises.setTimeout,
  setImmediate: timersPromises.setImmediate,
  setInterval: timersPromises.setInterval,
};

let installed = false;

/** Makes `AbortSignal.timeout` and `node:timers/promises` follow the global timers. */
export function installTimerShims(): void {
  if (installed) return;
  installed = true;
  shimTimers = 0;
  AbortSignal.timeout = abortSignalTimeout;
  Object.assign(timersPromises, shims);
  Object.assign(timersPromises.scheduler, schedulerShims);
  syncBuiltinESMExports();
}

export function uninstallTimerShims(): void {
  if (!installed) return;
  installed = false;
  AbortSignal.timeout = originals.abortSignalTimeout;
  Object.assign(timersPromises, {
    setTimeout: originals.setTimeout,
    setImmediate: originals.setImmediate,
    setInterval: originals.setInterval,
  });
  // The scheduler's real methods live on its prototype: dropping ours uncovers them.
  const scheduler = timersPromises.scheduler as unknown as Record<string, unknown>;
  delete scheduler.wait;
  delete scheduler.yield;
  syncBuiltinESMExports();
}

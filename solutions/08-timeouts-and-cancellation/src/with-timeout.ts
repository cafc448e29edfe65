import { TimeoutError } from "./errors.ts";

/**
 * Runs `task` with a deadline: the `asyncio.wait_for(aw, timeout)` of this course.
 *
 * `task` is called with an `AbortSignal` of its own, which it should pass on
 * (to `fetch`, to `sleep`…) so that its work can be stopped.
 *
 * - If the task settles within `ms` milliseconds, resolves or rejects as it did.
 * - Otherwise, at `ms`, rejects with a `TimeoutError` and aborts the task's
 *   signal with that same error, even if the task never looks at its signal.
 * - If `options.signal` aborts first, aborts the task's signal and rejects
 *   with `options.signal.reason`.
 * - Once settled, it leaves nothing behind: no pending timer, no listener on
 *   `options.signal`.
 * - `ms` negative or `NaN` rejects with a `RangeError`, and `task` is never called.
 */
export async function withTimeout<T>(task: (signal: AbortSignal) => Promise<T>, ms: number, options: { signal?: AbortSignal } = {}): Promise<T> {
  // Inside an async function a throw is a rejection, and nothing has started yet.
  // (`ms < 0` alone lets NaN through: every comparison with NaN is false.)
  if (Number.isNaN(ms) || ms < 0) throw new RangeError(`withTimeout: ms must be a non-negative number, got ${ms}`);
  const { signal } = options;
  // An aborted signal never fires "abort" again: a listener added now would wait forever.
  signal?.throwIfAborted();

  // The task gets a signal of its own, not the caller's: the deadline must be
  // able to abort it without aborting the caller's signal.
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await new Promise<T>((resolve, reject) => {
      // A promise cannot be cancelled, only the work behind it: abort the
      // task's signal *and* reject, so the caller is free even if the task
      // ignores its signal (its late result then settles a promise already settled: a no-op).
      const stop = (reason: unknown) => {
        controller.abort(reason);
        reject(reason);
      };
      timer = setTimeout(() => stop(new TimeoutError(`timed out after ${ms}ms`)), ms);
      // Stryker disable next-line OptionalChaining: onAbort only ever runs as a listener of signal, so signal is there
      onAbort = () => stop(signal?.reason);
      // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts at most once, and the finally below removes the listener however the call ends
      signal?.addEventListener("abort", onAbort, { once: true });
      // Called inside the executor, a task that throws synchronously still rejects the promise.
      task(controller.signal).then(resolve, reject);
    });
  } finally {
    // However it settled, the timer and the listener would outlive the call:
    // a timer keeps the process alive, a listener piles up on a long-lived signal.
    clearTimeout(timer);
    // Stryker disable next-line ConditionalExpression: the promise executor runs at once and sets onAbort, so the check is always true here (it is for the type checker)
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
}

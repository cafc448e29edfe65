// Right too: the deadline as `AbortSignal.timeout(ms)`, merged with the
// caller's signal by `AbortSignal.any`, so there is one signal to listen to.
import { TimeoutError } from "./errors.ts";

/**
 * Runs `task` with a deadline: the `asyncio.wait_for(aw, timeout)` of this course.
 * (Same contract as the reference; only the way the deadline is kept differs.)
 */
export async function withTimeout<T>(task: (signal: AbortSignal) => Promise<T>, ms: number, options: { signal?: AbortSignal } = {}): Promise<T> {
  if (Number.isNaN(ms) || ms < 0) throw new RangeError(`withTimeout: ms must be a non-negative number, got ${ms}`);
  const { signal } = options;
  signal?.throwIfAborted();

  // AbortSignal.timeout's timer cannot be cleared, but it holds nothing alive
  // (Node does not keep the process running for it), so there is nothing to clean up.
  const deadline = AbortSignal.timeout(ms);
  // AbortSignal.any follows its sources without adding listeners to them: the
  // caller's signal is left exactly as it was given.
  const stop = signal ? AbortSignal.any([signal, deadline]) : deadline;
  // The task still needs a signal of its own: `stop` would abort with a
  // DOMException on timeout, and the task must see the TimeoutError we reject with.
  const controller = new AbortController();
  const { promise, resolve, reject } = Promise.withResolvers<T>();
  const onStop = () => {
    const reason = signal?.aborted ? signal.reason : new TimeoutError(`timed out after ${ms}ms`);
    controller.abort(reason);
    reject(reason);
  };
  stop.addEventListener("abort", onStop, { once: true });
  try {
    task(controller.signal).then(resolve, reject);
    return await promise;
  } finally {
    stop.removeEventListener("abort", onStop);
  }
}

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
export async function withTimeout<T>(task: (signal: AbortSignal) => Promise<T>, ms: number, options?: { signal?: AbortSignal }): Promise<T> {
  // TODO: run the task with a signal of your own; race it against a timer and the outer signal, then clean up.
  throw new Error("TODO: implement withTimeout in src/with-timeout.ts");
}

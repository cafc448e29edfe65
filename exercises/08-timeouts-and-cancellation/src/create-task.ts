import type { Task } from "./task.ts";

/**
 * Starts `fn` at once and returns a handle to it: the `asyncio.create_task`
 * (with `Task.cancel()`) of this course.
 *
 *     const task = createTask((signal) => fetch(url, { signal }));
 *     task.cancel();              // true: the request is aborted…
 *     await task.promise;         // …and this rejects with a CancelledError, right now
 *
 * - `promise` settles like `fn`'s promise, and `state` becomes `"fulfilled"`
 *   or `"rejected"`.
 * - `cancel(reason?)` while pending: aborts `fn`'s signal with `reason` (a new
 *   `CancelledError` when none is given), rejects `promise` with a
 *   `CancelledError` at once (even if `fn` ignores its signal), makes `state`
 *   `"cancelled"` for good, and returns `true`. `fn`'s late result or error
 *   is dropped, and never becomes an unhandled rejection.
 * - `cancel()` once settled or cancelled returns `false` and changes nothing.
 */
export function createTask<T>(fn: (signal: AbortSignal) => Promise<T>): Task<T> {
  // TODO: call fn with a signal of your own; settle `promise` yourself, from fn's result or from cancel().
  throw new Error("TODO: implement createTask in src/create-task.ts");
}

import { CancelledError } from "./errors.ts";
import type { Task, TaskState } from "./task.ts";

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
  const controller = new AbortController();
  let state: TaskState = "pending";
  // `promise` is ours, not fn's: only then can cancel() reject it without waiting for fn.
  let resolveTask!: (value: T) => void;
  let rejectTask!: (reason: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => {
    resolveTask = resolve;
    rejectTask = reject;
  });

  // These two handlers are the only ones on fn's promise, so its error is
  // always handled, even when it comes after a cancel and is dropped.
  new Promise<T>((resolve) => resolve(fn(controller.signal))).then(
    (value) => {
      if (state !== "pending") return; // cancelled first: the late result is dropped
      state = "fulfilled";
      resolveTask(value);
    },
    (error: unknown) => {
      if (state !== "pending") return;
      state = "rejected";
      rejectTask(error);
    },
  );

  return {
    promise,
    get state() {
      return state;
    },
    cancel(reason?: unknown) {
      if (state !== "pending") return false;
      state = "cancelled";
      // Stryker disable next-line ObjectLiteral: the cause is for the reader, like the wording; the contract asks for a CancelledError, and the signal carries the reason itself
      const cancelled = reason instanceof CancelledError ? reason : new CancelledError("the task was cancelled", { cause: reason });
      controller.abort(reason === undefined ? cancelled : reason);
      rejectTask(cancelled);
      // Cancelling a task is not a failure: if nobody awaits its promise, its
      // CancelledError must not surface as an unhandled rejection (asyncio is
      // silent about cancelled tasks too). Awaiters still see the rejection.
      promise.catch(() => {});
      return true;
    },
  };
}

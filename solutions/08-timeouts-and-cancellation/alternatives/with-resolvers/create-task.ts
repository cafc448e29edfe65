// Right too: `Promise.withResolvers()` gives the task's promise and the two
// functions that settle it in one line, and every way of settling goes
// through one guard, so the first one wins and the state never moves again.
import { CancelledError } from "./errors.ts";
import type { Task, TaskState } from "./task.ts";

/**
 * Starts `fn` at once and returns a handle to it: the `asyncio.create_task`
 * (with `Task.cancel()`) of this course.
 * (Same contract as the reference.)
 */
export function createTask<T>(fn: (signal: AbortSignal) => Promise<T>): Task<T> {
  const controller = new AbortController();
  const { promise, resolve, reject } = Promise.withResolvers<T>();
  let state: TaskState = "pending";

  /** Moves out of "pending" once; every later attempt is refused. */
  const settle = (next: TaskState, action: () => void): boolean => {
    if (state !== "pending") return false;
    state = next;
    action();
    return true;
  };

  (async () => fn(controller.signal))().then(
    (value) => settle("fulfilled", () => resolve(value)),
    (error: unknown) => settle("rejected", () => reject(error)),
  );

  return {
    promise,
    get state() {
      return state;
    },
    cancel: (reason?: unknown) =>
      settle("cancelled", () => {
        const cancelled = new CancelledError("the task was cancelled", { cause: reason });
        controller.abort(reason === undefined ? cancelled : reason);
        reject(cancelled);
        promise.catch(() => {}); // a cancelled task nobody awaits is no unhandled rejection
      }),
  };
}

/**
 * Given: where a task stands. It starts `"pending"` and moves once, to one of
 * the other three, where it stays for good.
 */
export type TaskState = "pending" | "fulfilled" | "rejected" | "cancelled";

/** Given: what `createTask` returns, a piece of work that is running and can be cancelled. */
export interface Task<T> {
  /** Settles like the work, or rejects with a `CancelledError` the moment the task is cancelled. */
  readonly promise: Promise<T>;
  /**
   * Cancels the task if it is still pending: aborts its signal with `reason`
   * (a new `CancelledError` when none is given) and rejects `promise` with a
   * `CancelledError` at once. Returns `true` if it did, `false` if the task
   * had already settled or been cancelled (then it changes nothing).
   */
  cancel(reason?: unknown): boolean;
  /** `"pending"` until the task settles or is cancelled. */
  readonly state: TaskState;
}

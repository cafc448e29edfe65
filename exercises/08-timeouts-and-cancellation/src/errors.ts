/**
 * Given: what `withTimeout` rejects with when the deadline passes first, and
 * the reason it aborts the task's signal with, so the task knows why it was
 * stopped.
 *
 * Not to be confused with the `DOMException` named "TimeoutError" that
 * `AbortSignal.timeout()` aborts with: this one is the course's own class,
 * so `error instanceof TimeoutError` tells the two apart.
 */
export class TimeoutError extends Error {
  constructor(message = "the operation timed out", options?: ErrorOptions) {
    super(message, options);
    this.name = "TimeoutError";
  }
}

/**
 * Given: what a task's `promise` rejects with once `cancel()` is called (the
 * `asyncio.CancelledError` of this course), and the reason its signal is
 * aborted with when `cancel()` is given none.
 */
export class CancelledError extends Error {
  constructor(message = "the task was cancelled", options?: ErrorOptions) {
    super(message, options);
    this.name = "CancelledError";
  }
}

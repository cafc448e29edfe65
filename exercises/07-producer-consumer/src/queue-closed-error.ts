/**
 * Given: what an `AsyncQueue` rejects with once it is closed: a `put` after
 * `close()`, a `get` on a closed queue with nothing left in it, and every
 * getter or putter still waiting when `close()` is called.
 */
export class QueueClosedError extends Error {
  constructor(message = "the queue is closed") {
    super(message);
    this.name = "QueueClosedError";
  }
}

import { QueueClosedError } from "./queue-closed-error.ts";

/**
 * A first-in, first-out queue that producers and consumers can wait on
 * (asyncio's `Queue`, for TypeScript).
 *
 * - `put` waits while the queue holds `maxSize` items; `get` waits while it is
 *   empty. Items come out in the order they went in, and waiting callers are
 *   served in the order they started waiting.
 * - An `AbortSignal` cancels a waiting `put` or `get`: an aborted `get` never
 *   takes an item (one that is already aborted rejects even when an item is
 *   there), and an aborted `put` never adds one. Both reject with
 *   `signal.reason`.
 * - Every item put counts as unfinished until a consumer calls `taskDone()`
 *   for it; `join()` resolves once none is unfinished.
 * - After `close()`: `put` rejects with `QueueClosedError` (see
 *   ./queue-closed-error.ts), `get` still hands out what is left and then
 *   rejects with it, callers already waiting are rejected with it, `tryPut`
 *   returns `false`, and `for await` ends after the last item.
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  /**
   * `maxSize`: how many items the queue holds before `put` has to wait: a
   * positive integer, or `Infinity` (the default) for no limit. Anything else
   * throws a `RangeError`.
   */
  constructor(maxSize = Infinity) {
    // TODO: start here: check maxSize, then set up what the queue needs (its items, the callers waiting in line, the unfinished count); then write each member as its comment says.
    throw new Error("TODO: implement the AsyncQueue constructor in src/async-queue.ts");
  }

  /** How many items are in the queue now (not counting the items of putters still waiting for room). */
  get size(): number {
    // The number of items held.
    throw new Error("TODO: implement AsyncQueue.size in src/async-queue.ts");
  }

  /** Whether `close()` has been called. */
  get closed(): boolean {
    // True once close() has been called.
    throw new Error("TODO: implement AsyncQueue.closed in src/async-queue.ts");
  }

  /**
   * Adds `item` at the back of the queue, waiting first while the queue is full.
   * Rejects with `options.signal.reason` if the signal aborts before the item
   * is in (then the item is never added), and with `QueueClosedError` if the
   * queue is or gets closed first.
   */
  async put(item: T, options?: { signal?: AbortSignal }): Promise<void> {
    // Hand the item to the first waiting getter, or add it if there is room, or wait in line for room.
    throw new Error("TODO: implement AsyncQueue.put in src/async-queue.ts");
  }

  /**
   * Takes the item at the front of the queue, waiting first while it is empty.
   * Rejects with `options.signal.reason` if the signal is aborted before an item
   * is handed over (then no item is taken), and with `QueueClosedError` once
   * the queue is closed and empty.
   */
  async get(options?: { signal?: AbortSignal }): Promise<T> {
    // Take the front item if there is one (letting the first waiting putter in), or wait in line for one.
    throw new Error("TODO: implement AsyncQueue.get in src/async-queue.ts");
  }

  /** Adds `item` only if that needs no waiting; returns whether it was added. Always `false` once closed. */
  tryPut(item: T): boolean {
    // Like put, but never wait: report false instead.
    throw new Error("TODO: implement AsyncQueue.tryPut in src/async-queue.ts");
  }

  /** Takes the front item only if there is one: `{ ok: true, value }`, or `{ ok: false }` when empty. */
  tryGet(): { ok: true; value: T } | { ok: false } {
    // Like get, but never wait.
    throw new Error("TODO: implement AsyncQueue.tryGet in src/async-queue.ts");
  }

  /** A consumer says it has finished with one item it got. Throws if every item put is already done. */
  taskDone(): void {
    // One unfinished item fewer; when none is left, wake whoever waits in join().
    throw new Error("TODO: implement AsyncQueue.taskDone in src/async-queue.ts");
  }

  /** Resolves once every item ever put has been marked done with `taskDone()` (at once if there is none). */
  async join(): Promise<void> {
    // Resolve now if nothing is unfinished, or when taskDone() brings the count to zero.
    throw new Error("TODO: implement AsyncQueue.join in src/async-queue.ts");
  }

  /** Closes the queue: no more items go in; what is in it can still be taken. Rejects every waiting getter and putter. */
  close(): void {
    // Mark it closed and reject everyone still waiting with a QueueClosedError.
    throw new Error("TODO: implement AsyncQueue.close in src/async-queue.ts");
  }

  /** `for await (const item of queue)` gets items until the queue is closed and empty. It does not call `taskDone()`. */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    // Call get() item after item; end quietly on QueueClosedError.
    throw new Error("TODO: implement AsyncQueue[Symbol.asyncIterator] in src/async-queue.ts");
  }
}

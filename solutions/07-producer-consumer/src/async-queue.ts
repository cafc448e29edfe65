import { QueueClosedError } from "./queue-closed-error.ts";

/** Someone waiting in line: settling it also stops listening to its signal. */
interface Waiter<V> {
  resolve(value: V): void;
  reject(reason: unknown): void;
}

interface Putter<T> extends Waiter<void> {
  item: T;
}

/**
 * Puts a waiter at the back of `line` and returns the promise it settles.
 * A Set keeps insertion order (first come, first served) and lets an aborted
 * waiter leave from the middle of the line in O(1).
 */
function waitInLine<V, W extends Waiter<V>>(line: Set<W>, signal: AbortSignal | undefined, make: (settle: Waiter<V>) => W): Promise<V> {
  return new Promise<V>((resolve, reject) => {
    // Leaving the line is what makes an abort safe: a waiter that stayed in it
    // would later be "handed" an item that nobody receives any more.
    const onAbort = () => {
      line.delete(waiter);
      // Stryker disable next-line OptionalChaining: onAbort only ever runs as a listener of signal, so signal is there
      reject(signal?.reason);
    };
    // Once settled, the signal (which may outlive this call by far, e.g. one
    // signal for a whole pipeline) must not keep a listener per call.
    const stopListening = () => signal?.removeEventListener("abort", onAbort);
    const waiter = make({
      resolve: (value) => {
        stopListening();
        resolve(value);
      },
      reject: (reason) => {
        stopListening();
        reject(reason);
      },
    });
    line.add(waiter);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Removes and returns the first of `line`, if any. */
function takeFirst<W>(line: Set<W>): W | undefined {
  for (const first of line) {
    line.delete(first);
    return first;
  }
  return undefined;
}

export class AsyncQueue<T> implements AsyncIterable<T> {
  readonly #maxSize: number;
  readonly #items: T[] = [];
  // Getters only wait while #items is empty, putters only while it is full:
  // so an item never waits in #items while a getter waits, and vice versa.
  readonly #getters = new Set<Waiter<T>>();
  readonly #putters = new Set<Putter<T>>();
  #unfinished = 0;
  #joiners: Array<() => void> = [];
  #closed = false;

  constructor(maxSize = Infinity) {
    // A constructor cannot reject, so a bad size throws here rather than
    // surfacing later as a queue that never lets anything in.
    if (maxSize !== Infinity && !(Number.isInteger(maxSize) && maxSize >= 1)) {
      throw new RangeError(`maxSize must be a positive integer or Infinity, got ${maxSize}`);
    }
    this.#maxSize = maxSize;
  }

  get size(): number {
    return this.#items.length;
  }

  get closed(): boolean {
    return this.#closed;
  }

  put(item: T, options: { signal?: AbortSignal } = {}): Promise<void> {
    const { signal } = options;
    // Checked before anything else so that an aborted put never adds its item,
    // even when there would be room.
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#closed) return Promise.reject(new QueueClosedError());
    if (this.tryPut(item)) return Promise.resolve();
    return waitInLine<void, Putter<T>>(this.#putters, signal, (settle) => ({ ...settle, item }));
  }

  get(options: { signal?: AbortSignal } = {}): Promise<T> {
    const { signal } = options;
    // An aborted get must not take an item: if it did, the item would go to a
    // caller that has already stopped listening, and be lost.
    if (signal?.aborted) return Promise.reject(signal.reason);
    const taken = this.tryGet();
    if (taken.ok) return Promise.resolve(taken.value);
    if (this.#closed) return Promise.reject(new QueueClosedError());
    return waitInLine<T, Waiter<T>>(this.#getters, signal, (settle) => settle);
  }

  tryPut(item: T): boolean {
    if (this.#closed) return false;
    // A waiting getter means the queue is empty: hand the item over directly,
    // so it never sits in the queue while someone is waiting for it.
    const getter = takeFirst(this.#getters);
    if (getter) {
      this.#unfinished++;
      getter.resolve(item);
      return true;
    }
    if (this.#items.length >= this.#maxSize) return false;
    this.#items.push(item);
    this.#unfinished++;
    return true;
  }

  tryGet(): { ok: true; value: T } | { ok: false } {
    if (this.#items.length === 0) return { ok: false };
    const value = this.#items.shift() as T;
    // The queue was full if anyone is waiting to put: the room just made is
    // theirs, in the order they came, before any later put can take it.
    const putter = takeFirst(this.#putters);
    if (putter) {
      this.#items.push(putter.item);
      this.#unfinished++;
      putter.resolve();
    }
    return { ok: true, value };
  }

  taskDone(): void {
    // More taskDone() calls than items means a consumer counted wrong; letting
    // the count go negative would make join() resolve too early next time.
    if (this.#unfinished === 0) throw new RangeError("taskDone() called more times than items were put");
    this.#unfinished--;
    if (this.#unfinished === 0) {
      const joiners = this.#joiners;
      this.#joiners = [];
      for (const wake of joiners) wake();
    }
  }

  join(): Promise<void> {
    if (this.#unfinished === 0) return Promise.resolve();
    return new Promise((resolve) => this.#joiners.push(resolve));
  }

  close(): void {
    // Stryker disable next-line ConditionalExpression: a second close() finds both lines already empty, so it rejects and clears nothing
    if (this.#closed) return;
    this.#closed = true;
    // Getters only wait on an empty queue, so nothing will ever come for them.
    // Putters are refused: their items were never in the queue, and a rejected
    // put must not be delivered later (the producer may well retry it).
    for (const getter of this.#getters) getter.reject(new QueueClosedError());
    // Stryker disable next-line CallExpression: once closed, nothing reads the getters' line again: put and tryPut refuse before looking at it, and get rejects instead of joining it
    this.#getters.clear();
    for (const putter of this.#putters) putter.reject(new QueueClosedError());
    this.#putters.clear();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    while (true) {
      let item: T;
      try {
        item = await this.get();
      } catch (error) {
        // Closed and empty is the normal end of the stream, not a failure.
        // Stryker disable next-line ConditionalExpression: the loop calls get() without a signal, which rejects only with QueueClosedError
        if (error instanceof QueueClosedError) return;
        throw error;
      }
      // No taskDone() here: the item is only done once the loop body that
      // receives it has finished with it, which only the consumer knows.
      yield item;
    }
  }
}

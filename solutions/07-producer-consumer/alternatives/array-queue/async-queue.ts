// Right, another way: arrays for the lines of waiters (an aborted waiter is
// spliced out), async methods that throw, join() sharing one promise per busy
// period, and a hand-written iterator instead of an async generator.
import { QueueClosedError } from "./queue-closed-error.ts";

interface Pending<V> {
  resolve(value: V): void;
  reject(reason: unknown): void;
}

function remove<E>(line: E[], entry: E): void {
  const index = line.indexOf(entry);
  if (index !== -1) line.splice(index, 1);
}

/** A promise to settle later, which `signal` rejects after calling `leave`. */
function pending<V>(signal: AbortSignal | undefined, leave: () => void): { promise: Promise<V>; entry: Pending<V> } {
  const { promise, resolve, reject } = Promise.withResolvers<V>();
  const onAbort = () => {
    leave();
    reject(signal?.reason);
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  const cleanup = () => signal?.removeEventListener("abort", onAbort);
  return {
    promise,
    entry: {
      resolve: (value) => (cleanup(), resolve(value)),
      reject: (reason) => (cleanup(), reject(reason)),
    },
  };
}

export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private readonly getters: Array<Pending<T>> = [];
  private readonly putters: Array<{ item: T; entry: Pending<void> }> = [];
  private readonly maxSize: number;
  private unfinished = 0;
  private idle = Promise.withResolvers<void>();
  private isClosed = false;

  constructor(maxSize = Infinity) {
    if (!(maxSize === Infinity || (Number.isSafeInteger(maxSize) && maxSize > 0))) {
      throw new RangeError(`maxSize must be a positive integer or Infinity, got ${maxSize}`);
    }
    this.maxSize = maxSize;
    this.idle.resolve();
  }

  get size(): number {
    return this.items.length;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  async put(item: T, { signal }: { signal?: AbortSignal } = {}): Promise<void> {
    signal?.throwIfAborted();
    if (this.isClosed) throw new QueueClosedError();
    if (this.tryPut(item)) return;
    const { promise, entry } = pending<void>(signal, () => remove(this.putters, putter));
    const putter = { item, entry };
    this.putters.push(putter);
    return promise;
  }

  async get({ signal }: { signal?: AbortSignal } = {}): Promise<T> {
    signal?.throwIfAborted();
    const taken = this.tryGet();
    if (taken.ok) return taken.value;
    if (this.isClosed) throw new QueueClosedError();
    const { promise, entry } = pending<T>(signal, () => remove(this.getters, entry));
    this.getters.push(entry);
    return promise;
  }

  tryPut(item: T): boolean {
    if (this.isClosed) return false;
    const getter = this.getters.shift();
    if (getter) {
      this.started();
      getter.resolve(item);
      return true;
    }
    if (this.items.length >= this.maxSize) return false;
    this.items.push(item);
    this.started();
    return true;
  }

  tryGet(): { ok: true; value: T } | { ok: false } {
    if (this.items.length === 0) return { ok: false };
    const value = this.items.shift() as T;
    const putter = this.putters.shift();
    if (putter) {
      this.items.push(putter.item);
      this.started();
      putter.entry.resolve();
    }
    return { ok: true, value };
  }

  private started(): void {
    if (this.unfinished++ === 0) this.idle = Promise.withResolvers<void>();
  }

  taskDone(): void {
    if (this.unfinished === 0) throw new Error("taskDone() called more times than items were put");
    if (--this.unfinished === 0) this.idle.resolve();
  }

  async join(): Promise<void> {
    await this.idle.promise;
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const getter of this.getters.splice(0)) getter.reject(new QueueClosedError());
    for (const putter of this.putters.splice(0)) putter.entry.reject(new QueueClosedError());
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: async (): Promise<IteratorResult<T>> => {
        try {
          return { done: false, value: await this.get() };
        } catch (error) {
          if (error instanceof QueueClosedError) return { done: true, value: undefined };
          throw error;
        }
      },
    };
  }
}

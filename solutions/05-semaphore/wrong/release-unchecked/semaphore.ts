// Wrong: release() never checks the count. An extra release() (a double
// finally, a release without acquire) silently adds a permit that never
// existed, and from then on more callers run at once than the limit allows.
export class Semaphore {
  #available: number;
  readonly #line = new Set<() => void>();

  constructor(permits: number) {
    if (!Number.isInteger(permits) || permits < 1) {
      throw new RangeError(`Semaphore: permits must be a positive integer, got ${permits}`);
    }
    this.#available = permits;
  }

  get available(): number {
    return this.#available;
  }

  get waiting(): number {
    return this.#line.size;
  }

  async acquire(options: { signal?: AbortSignal } = {}): Promise<void> {
    const { signal } = options;
    signal?.throwIfAborted();
    if (this.#available > 0) {
      this.#available--;
      return;
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.#line.delete(grant);
        reject(signal?.reason);
      };
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      this.#line.add(grant);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  release(): void {
    const [next] = this.#line;
    if (next) {
      this.#line.delete(next);
      next();
      return;
    }
    this.#available++; // the mistake: nothing checks the count first
  }

  async withPermit<T>(fn: () => Promise<T> | T, options?: { signal?: AbortSignal }): Promise<T> {
    await this.acquire(options);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }
}

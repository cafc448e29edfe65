// Wrong: it only listens for the abort event, which has already fired for a
// signal aborted before the call. With a permit free the caller gets it
// anyway; without one it waits in line for an abort that will never come.
export class Semaphore {
  readonly #permits: number;
  #available: number;
  readonly #line = new Set<() => void>();

  constructor(permits: number) {
    if (!Number.isInteger(permits) || permits < 1) {
      throw new RangeError(`Semaphore: permits must be a positive integer, got ${permits}`);
    }
    this.#permits = permits;
    this.#available = permits;
  }

  get available(): number {
    return this.#available;
  }

  get waiting(): number {
    return this.#line.size;
  }

  async acquire(options: { signal?: AbortSignal } = {}): Promise<void> {
    const { signal } = options; // the mistake: signal.aborted is never checked here
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
    if (this.#available === this.#permits) {
      throw new RangeError(`Semaphore: release() without a matching acquire(): all ${this.#permits} permits are already free`);
    }
    this.#available++;
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

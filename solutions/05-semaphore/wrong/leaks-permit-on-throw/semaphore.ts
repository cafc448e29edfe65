// Wrong: withPermit releases only after fn succeeds. When fn throws or
// rejects, the release() line is never reached and the permit is lost for
// good: after `permits` failures, every later caller waits forever.
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
    if (this.#available === this.#permits) {
      throw new RangeError(`Semaphore: release() without a matching acquire(): all ${this.#permits} permits are already free`);
    }
    this.#available++;
  }

  async withPermit<T>(fn: () => Promise<T> | T, options?: { signal?: AbortSignal }): Promise<T> {
    await this.acquire(options);
    const result = await fn(); // the mistake: if this throws, release() is skipped
    this.release();
    return result;
  }
}

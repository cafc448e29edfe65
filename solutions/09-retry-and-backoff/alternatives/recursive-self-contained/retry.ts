// Right, another way: each attempt chains the next one (recursion instead of a
// loop), and the waits are scheduler.wait from node:timers/promises.
import { scheduler } from "node:timers/promises";

export function retry<T>(
  fn: (attempt: number, signal: AbortSignal) => Promise<T>,
  options: {
    retries: number;
    baseDelayMs: number;
    factor?: number;
    maxDelayMs?: number;
    jitter?: "none" | "full";
    random?: () => number;
    shouldRetry?: (error: unknown, attempt: number) => boolean;
    signal?: AbortSignal;
  },
): Promise<T> {
  const { retries, baseDelayMs, factor = 2, maxDelayMs = Infinity, jitter = "none", random = Math.random } = options;
  const { shouldRetry = () => true, signal } = options;
  if (Number.isNaN(retries) || retries < 0) return Promise.reject(new RangeError(`retries must be >= 0, got ${retries}`));
  if (Number.isNaN(baseDelayMs) || baseDelayMs < 0) {
    return Promise.reject(new RangeError(`baseDelayMs must be >= 0, got ${baseDelayMs}`));
  }
  const fnSignal = signal ?? new AbortController().signal;

  const attempt = async (n: number): Promise<T> => {
    if (signal?.aborted) throw signal.reason;
    try {
      return await fn(n, fnSignal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (n > retries || !shouldRetry(error, n)) throw error;
    }
    let delay = Math.min(maxDelayMs, baseDelayMs * factor ** (n - 1));
    if (jitter === "full") delay *= random();
    try {
      await scheduler.wait(delay, { signal });
    } catch (error) {
      throw signal?.aborted ? signal.reason : error;
    }
    return attempt(n + 1);
  };
  return attempt(1);
}

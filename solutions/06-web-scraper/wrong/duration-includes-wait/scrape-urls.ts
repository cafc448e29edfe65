// Wrong: built like a semaphore-guarded task per URL, but each task starts its
// stopwatch when it is created, before it waits for a free slot. A URL that
// queued for 1.5 s behind the others reports 1.5 s more than its request took.
import type { ScrapeOptions, ScrapeResult } from "./types.ts";

export async function scrapeUrls(urls: string[], options: ScrapeOptions = {}): Promise<ScrapeResult[]> {
  const { maxConcurrent = 10, timeoutMs = 10_000, signal, onResult } = options;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
    throw new RangeError(`maxConcurrent must be a positive integer, got ${maxConcurrent}`);
  }
  signal?.throwIfAborted();

  let free = maxConcurrent;
  const queue: Array<() => void> = [];
  const acquire = () => (free > 0 ? (free--, Promise.resolve()) : new Promise<void>((resolve) => queue.push(resolve)));
  const release = () => (queue.length > 0 ? queue.shift()!() : free++);

  return Promise.all(
    urls.map(async (url): Promise<ScrapeResult> => {
      const started = performance.now();
      await acquire();
      try {
        signal?.throwIfAborted();
        const timeout = AbortSignal.timeout(timeoutMs);
        const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
        let result: ScrapeResult;
        try {
          const response = await fetch(url, { signal: combined });
          const content = await response.text();
          result = { url, success: true, status: response.status, contentLength: content.length, durationMs: performance.now() - started };
        } catch (error) {
          if (signal?.aborted) throw signal.reason;
          const message = timeout.aborted ? `timeout after ${timeoutMs} ms` : error instanceof Error ? error.message : String(error);
          result = { url, success: false, status: null, error: message, durationMs: performance.now() - started };
        }
        onResult?.(result);
        return result;
      } finally {
        release();
      }
    }),
  );
}

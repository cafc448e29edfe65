// Wrong: not async, so the RangeError is thrown synchronously. A caller who
// writes `scrapeUrls(urls, opts).catch(…)` never gets to attach the catch: a
// function that returns a promise should report bad arguments by rejecting.
import { scrapeOne } from "./scrape-one.ts";
import type { ScrapeOptions, ScrapeResult } from "./types.ts";

export function scrapeUrls(urls: string[], options: ScrapeOptions = {}): Promise<ScrapeResult[]> {
  const { maxConcurrent = 10 } = options;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
    throw new RangeError(`maxConcurrent must be a positive integer, got ${maxConcurrent}`);
  }
  return run(urls, maxConcurrent, options);
}

async function run(urls: string[], maxConcurrent: number, options: ScrapeOptions): Promise<ScrapeResult[]> {
  const { timeoutMs = 10_000, signal, onResult } = options;
  signal?.throwIfAborted();
  const results = new Array<ScrapeResult>(urls.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < urls.length) {
      signal?.throwIfAborted();
      const index = next++;
      const result = await scrapeOne(urls[index]!, { timeoutMs, signal });
      results[index] = result;
      onResult?.(result);
    }
  }
  await Promise.all(Array.from({ length: Math.min(maxConcurrent, urls.length) }, worker));
  return results;
}

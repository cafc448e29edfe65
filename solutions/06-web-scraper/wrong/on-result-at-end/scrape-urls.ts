// Wrong: onResult is called for every result once they are all in, in input
// order. A progress callback that only fires at the end reports no progress.
import { scrapeOne } from "./scrape-one.ts";
import type { ScrapeOptions, ScrapeResult } from "./types.ts";

export async function scrapeUrls(urls: string[], options: ScrapeOptions = {}): Promise<ScrapeResult[]> {
  const { maxConcurrent = 10, timeoutMs = 10_000, signal, onResult } = options;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
    throw new RangeError(`maxConcurrent must be a positive integer, got ${maxConcurrent}`);
  }
  signal?.throwIfAborted();
  const results = new Array<ScrapeResult>(urls.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < urls.length) {
      signal?.throwIfAborted();
      const index = next++;
      results[index] = await scrapeOne(urls[index]!, { timeoutMs, signal });
    }
  }
  await Promise.all(Array.from({ length: Math.min(maxConcurrent, urls.length) }, worker));
  if (onResult) results.forEach((result) => onResult(result));
  return results;
}

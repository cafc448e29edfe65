// Wrong: batch by batch. Each batch of maxConcurrent URLs must finish entirely
// before the next one starts, so one slow URL leaves the other slots idle
// until it is done: the limit is respected, but not used.
import { scrapeOne } from "./scrape-one.ts";
import type { ScrapeOptions, ScrapeResult } from "./types.ts";

export async function scrapeUrls(urls: string[], options: ScrapeOptions = {}): Promise<ScrapeResult[]> {
  const { maxConcurrent = 10, timeoutMs = 10_000, signal, onResult } = options;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
    throw new RangeError(`maxConcurrent must be a positive integer, got ${maxConcurrent}`);
  }
  const results: ScrapeResult[] = [];
  for (let start = 0; start < urls.length; start += maxConcurrent) {
    signal?.throwIfAborted();
    const batch = urls.slice(start, start + maxConcurrent);
    const done = await Promise.all(
      batch.map(async (url) => {
        const result = await scrapeOne(url, { timeoutMs, signal });
        onResult?.(result);
        return result;
      }),
    );
    results.push(...done);
  }
  return results;
}

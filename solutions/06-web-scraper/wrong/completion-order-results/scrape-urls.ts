// Wrong: each worker pushes its result when it arrives, so the list comes
// back in completion order, not in the order of the URLs.
import { scrapeOne } from "./scrape-one.ts";
import type { ScrapeOptions, ScrapeResult } from "./types.ts";

export async function scrapeUrls(urls: string[], options: ScrapeOptions = {}): Promise<ScrapeResult[]> {
  const { maxConcurrent = 10, timeoutMs = 10_000, signal, onResult } = options;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
    throw new RangeError(`maxConcurrent must be a positive integer, got ${maxConcurrent}`);
  }
  signal?.throwIfAborted();
  const results: ScrapeResult[] = [];
  let next = 0;
  async function worker(): Promise<void> {
    while (next < urls.length) {
      signal?.throwIfAborted();
      const result = await scrapeOne(urls[next++]!, { timeoutMs, signal });
      results.push(result);
      onResult?.(result);
    }
  }
  await Promise.all(Array.from({ length: Math.min(maxConcurrent, urls.length) }, worker));
  return results;
}

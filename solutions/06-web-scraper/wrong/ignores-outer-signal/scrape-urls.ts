// Wrong: the caller's signal is never passed on nor checked, so aborting it
// changes nothing: the scrape runs to the end and resolves as if nobody had
// asked it to stop.
import { scrapeOne } from "./scrape-one.ts";
import type { ScrapeOptions, ScrapeResult } from "./types.ts";

export async function scrapeUrls(urls: string[], options: ScrapeOptions = {}): Promise<ScrapeResult[]> {
  const { maxConcurrent = 10, timeoutMs = 10_000, onResult } = options;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
    throw new RangeError(`maxConcurrent must be a positive integer, got ${maxConcurrent}`);
  }
  const results = new Array<ScrapeResult>(urls.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < urls.length) {
      const index = next++;
      const result = await scrapeOne(urls[index]!, { timeoutMs });
      results[index] = result;
      onResult?.(result);
    }
  }
  await Promise.all(Array.from({ length: Math.min(maxConcurrent, urls.length) }, worker));
  return results;
}

// Wrong: checks maxConcurrent, then ignores it: Promise.all over every URL
// sends them all at once, a thousand URLs mean a thousand connections to
// whoever is on the other end.
import { scrapeOne } from "./scrape-one.ts";
import type { ScrapeOptions, ScrapeResult } from "./types.ts";

export async function scrapeUrls(urls: string[], options: ScrapeOptions = {}): Promise<ScrapeResult[]> {
  const { maxConcurrent = 10, timeoutMs = 10_000, signal, onResult } = options;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
    throw new RangeError(`maxConcurrent must be a positive integer, got ${maxConcurrent}`);
  }
  signal?.throwIfAborted();
  return Promise.all(
    urls.map(async (url) => {
      const result = await scrapeOne(url, { timeoutMs, signal });
      onResult?.(result);
      return result;
    }),
  );
}

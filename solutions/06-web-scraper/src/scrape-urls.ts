import { scrapeOne } from "./scrape-one.ts";
import type { ScrapeOptions, ScrapeResult } from "./types.ts";

export async function scrapeUrls(urls: string[], options: ScrapeOptions = {}): Promise<ScrapeResult[]> {
  const { maxConcurrent = 10, timeoutMs = 10_000, signal, onResult } = options;
  // Inside an async function a throw becomes a rejection, and it happens
  // before any worker exists, so no request is ever sent with a bad limit.
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
    throw new RangeError(`maxConcurrent must be a positive integer, got ${maxConcurrent}`);
  }
  signal?.throwIfAborted();

  // Stryker disable next-line ArrayDeclaration: the length only presizes the array; every index is assigned before it is returned
  const results = new Array<ScrapeResult>(urls.length);
  let next = 0;

  // Each worker is one slot of the limit: it takes the next URL the moment its
  // previous one is done, so the slots stay busy while URLs remain (unlike
  // batches, where the slowest URL of a batch holds up the next batch).
  async function worker(): Promise<void> {
    while (next < urls.length) {
      // Checked between URLs so that, after an abort, nothing new is started.
      signal?.throwIfAborted();
      // Taking the index happens synchronously, between two awaits, so no two
      // workers can ever take the same URL.
      const index = next++;
      const result = await scrapeOne(urls[index]!, { timeoutMs, signal });
      // Stored by index: results keep the order of the URLs whatever order
      // they complete in, while onResult reports them as they come.
      results[index] = result;
      onResult?.(result);
    }
  }

  // scrapeOne rejects only on the caller's abort, so Promise.all rejects
  // exactly then (at once, with the signal's reason), never for one bad URL.
  await Promise.all(Array.from({ length: Math.min(maxConcurrent, urls.length) }, worker));
  return results;
}

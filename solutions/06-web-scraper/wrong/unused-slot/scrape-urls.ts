// Wrong: an off-by-one in the limiter. It waits for a free slot as soon as
// maxConcurrent - 1 requests are running (as if the request about to start
// were already counted), so one slot of the limit is never used and the
// scrape takes longer than it needs to.
import { scrapeOne } from "./scrape-one.ts";
import type { ScrapeOptions, ScrapeResult } from "./types.ts";

export async function scrapeUrls(urls: string[], options: ScrapeOptions = {}): Promise<ScrapeResult[]> {
  const { maxConcurrent = 10, timeoutMs = 10_000, signal, onResult } = options;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
    throw new RangeError(`maxConcurrent must be a positive integer, got ${maxConcurrent}`);
  }
  signal?.throwIfAborted();
  const results = new Array<ScrapeResult>(urls.length);
  const running = new Set<Promise<void>>();
  for (let index = 0; index < urls.length; index++) {
    while (running.size > 0 && running.size >= maxConcurrent - 1) await Promise.race(running);
    signal?.throwIfAborted();
    const task = scrapeOne(urls[index]!, { timeoutMs, signal }).then((result) => {
      results[index] = result;
      onResult?.(result);
    });
    running.add(task);
    task.then(
      () => running.delete(task),
      () => running.delete(task),
    );
  }
  await Promise.all(running);
  return results;
}

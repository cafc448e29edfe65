// Another right way: asyncio's shape, maxConcurrent workers sharing a queue.
// A worker that finds the queue empty while others are still fetching does
// not stop (exercise 06's pool would): it waits to be woken, because a page
// still in flight may add URLs. The crawl is over when the queue is empty and
// no worker is fetching, which the last worker to finish sees and announces.
import { fetchPage } from "./fetch-page.ts";
import type { CrawledPage, CrawlError, CrawlOptions, CrawlResult } from "./types.ts";

export async function crawl(startUrl: string, options: CrawlOptions): Promise<CrawlResult> {
  const { maxConcurrent, maxDepth, maxPages = Infinity, timeoutMs, retries = 0, signal } = options;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
    throw new RangeError(`maxConcurrent must be a positive integer, got ${maxConcurrent}`);
  }
  signal?.throwIfAborted();

  const start = new URL(startUrl);
  start.hash = "";
  const seen = new Set([start.href]);
  const queue: Array<{ url: string; depth: number }> = [{ url: start.href, depth: 0 }];
  const pages: CrawledPage[] = [];
  const errors: CrawlError[] = [];
  let started = 0;
  let busy = 0;
  let sleepers: Array<() => void> = [];
  const wakeAll = () => {
    const woken = sleepers;
    sleepers = [];
    for (const wake of woken) wake();
  };

  async function worker(): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const next = started < maxPages ? queue.shift() : undefined;
      if (next === undefined) {
        if (busy === 0) return wakeAll(); // nothing to take and nothing that could add more: done
        await new Promise<void>((resolve) => sleepers.push(resolve));
        continue;
      }
      started++;
      busy++;
      try {
        const outcome = await fetchPage(next.url, { timeoutMs, retries, signal });
        if (!outcome.ok) {
          errors.push({ url: next.url, error: outcome.error });
        } else {
          pages.push({ url: next.url, depth: next.depth, status: outcome.status, links: outcome.links });
          if (next.depth < maxDepth) {
            for (const link of outcome.links) {
              if (!seen.has(link)) {
                seen.add(link);
                queue.push({ url: link, depth: next.depth + 1 });
              }
            }
          }
        }
      } finally {
        busy--;
        wakeAll(); // new URLs, or the end, or an abort: the sleepers look again
      }
    }
  }

  await Promise.all(Array.from({ length: maxConcurrent }, worker));
  pages.sort((a, b) => a.depth - b.depth || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  return { pages, errors };
}

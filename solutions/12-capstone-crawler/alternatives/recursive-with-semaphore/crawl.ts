// Another right way: the recursive crawler, made correct. Each page awaits its
// children; a small first-in first-out semaphore (exercise 05's) holds the
// limit, and a URL is marked as seen and counted toward maxPages the moment it
// is found, before any await, so no race can queue it twice.
import { fetchPage } from "./fetch-page.ts";
import type { CrawledPage, CrawlError, CrawlOptions, CrawlResult } from "./types.ts";

export async function crawl(startUrl: string, options: CrawlOptions): Promise<CrawlResult> {
  const { maxConcurrent, maxDepth, maxPages = Infinity, timeoutMs, retries = 0, signal } = options;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
    throw new RangeError(`maxConcurrent must be a positive integer, got ${maxConcurrent}`);
  }
  signal?.throwIfAborted();

  let free = maxConcurrent;
  const waiting: Array<() => void> = [];
  const acquire = (): Promise<void> => {
    if (free > 0) {
      free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };

  const start = new URL(startUrl);
  start.hash = "";
  const seen = new Set([start.href]);
  let scheduled = 1;
  const pages: CrawledPage[] = [];
  const errors: CrawlError[] = [];

  async function visit(url: string, depth: number): Promise<void> {
    await acquire();
    let outcome;
    try {
      signal?.throwIfAborted(); // waited for a slot while the caller aborted: start nothing
      outcome = await fetchPage(url, { timeoutMs, retries, signal });
    } finally {
      release();
    }
    if (!outcome.ok) {
      errors.push({ url, error: outcome.error });
      return;
    }
    pages.push({ url, depth, status: outcome.status, links: outcome.links });
    if (depth >= maxDepth) return;
    const children: Promise<void>[] = [];
    for (const link of outcome.links) {
      if (seen.has(link) || scheduled >= maxPages) continue;
      seen.add(link);
      scheduled++;
      children.push(visit(link, depth + 1));
    }
    await Promise.all(children);
  }

  await visit(start.href, 0);
  pages.sort((a, b) => a.depth - b.depth || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  return { pages, errors };
}

import type { CrawlOptions, CrawlResult } from "./types.ts";

/**
 * Crawls a site from `startUrl` (depth 0), following the links of each page
 * (see `fetchPage` in ./fetch-page.ts) to the pages one level deeper, up to
 * `maxDepth`, and resolves with every page fetched and every URL that failed.
 *
 * - Every URL is requested once (plus its retries), however many pages link
 *   to it and however close together they find it.
 * - At most `maxConcurrent` requests are in flight; a URL starts as soon as
 *   it is known and a slot is free (not level by level).
 * - At most `maxPages` URLs are fetched, `pages` and `errors` together.
 * - A failed URL lands in `errors` and the crawl goes on.
 * - `pages` are sorted by depth, then by URL (code unit by code unit).
 * - `maxConcurrent` not a positive integer rejects with a `RangeError` before
 *   any request. When `signal` aborts, the requests in flight are aborted,
 *   nothing new starts, and `crawl` rejects with `signal.reason`.
 */
export async function crawl(startUrl: string, options: CrawlOptions): Promise<CrawlResult> {
  // TODO: keep a queue of { url, depth } and a set of URLs seen; start fetches while slots are free; sort at the end.
  throw new Error("TODO: implement crawl in src/crawl.ts");
}

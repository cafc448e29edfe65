import type { ScrapeOptions, ScrapeResult } from "./types.ts";

/**
 * Scrapes every URL (see `scrapeOne` in ./scrape-one.ts) with at most
 * `maxConcurrent` requests in flight (default 10), starting the next URL as
 * soon as one finishes, and a timeout of `timeoutMs` per URL (default 10 000).
 *
 * Resolves with one result per URL, in the order of `urls`; `onResult` is
 * called with each result as soon as it is known. One URL's failure never
 * rejects the call. `maxConcurrent` not a positive integer rejects with a
 * `RangeError` before any request. When `signal` aborts, the call rejects
 * with its reason, the requests in flight are aborted and no new one starts.
 */
export async function scrapeUrls(urls: string[], options?: ScrapeOptions): Promise<ScrapeResult[]> {
  // TODO: check maxConcurrent, then run a pool of maxConcurrent workers that each take the next URL until none are left.
  throw new Error("TODO: implement scrapeUrls in src/scrape-urls.ts");
}

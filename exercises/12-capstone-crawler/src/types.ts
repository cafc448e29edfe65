/** Given: the options of `crawl`. */
export interface CrawlOptions {
  /** The most requests in flight at once. Must be a positive integer. */
  maxConcurrent: number;
  /**
   * How far to follow links. The start page is at depth 0, the pages it links
   * to at depth 1, and so on. Pages up to depth `maxDepth` are fetched; the
   * links on a page at depth `maxDepth` are listed in its `links` but not followed.
   */
  maxDepth: number;
  /** The most URLs to fetch, `pages` and `errors` together (default: no limit). */
  maxPages?: number;
  /** How long one request may take, body included, before it is aborted. Each retry has its own `timeoutMs`. */
  timeoutMs: number;
  /**
   * How many more times to try a URL whose request failed with a network error
   * or a timeout (default 0). An HTTP error status (404, 500…) is an answer,
   * not a failure: it is never retried.
   */
  retries?: number;
  /** Aborting it stops the whole crawl: the requests in flight are aborted and `crawl` rejects with its reason. */
  signal?: AbortSignal;
}

/**
 * Given: one page the server answered, whatever its status.
 *
 * - `url`: the absolute URL that was fetched, without any `#fragment`.
 * - `depth`: 0 for the start page, 1 for the pages it links to, and so on.
 * - `links`: for a successful (2xx) `text/html` page, the URLs of its `<a href>`
 *   links (resolved against `url`, same origin as the start page, without
 *   fragments), once each, in order of first appearance. For any other page
 *   (a 404, a 500, a JSON or plain-text body) `[]`.
 */
export interface CrawledPage {
  url: string;
  depth: number;
  status: number;
  links: string[];
}

/** Given: a URL that got no answer, after its retries: a network error or a timeout (its `error` then says "timeout"). */
export interface CrawlError {
  url: string;
  error: string;
}

/** Given: what `crawl` resolves with. `pages` are sorted by depth, then by URL (code unit by code unit). */
export interface CrawlResult {
  pages: CrawledPage[];
  errors: CrawlError[];
}

/** Given: what fetching one URL gave (see `fetchPage`): an answer with its status and links, or an error message. */
export type PageOutcome = { ok: true; status: number; links: string[] } | { ok: false; error: string };

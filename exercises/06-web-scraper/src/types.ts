/**
 * Given: how one URL went. `success` tells the two shapes apart:
 *
 * - `success: true`: the server answered. Any HTTP status counts, a 404 or a
 *   500 too (it is the page's status, reported as it is); `contentLength` is
 *   the length of the body in characters.
 * - `success: false`: no answer came, because of a network error or because
 *   the request ran out of time. `status` is `null` and `error` says what
 *   happened (for a timeout, a message containing "timeout").
 *
 * `durationMs` is how long that URL's own request took, from the moment it
 * was sent to the moment its result was known.
 */
export type ScrapeResult =
  | { url: string; success: true; status: number; contentLength: number; durationMs: number }
  | { url: string; success: false; status: null; error: string; durationMs: number };

/** Given: the options of `scrapeUrls`. */
export interface ScrapeOptions {
  /** The most requests in flight at once (default 10). Must be a positive integer. */
  maxConcurrent?: number;
  /** How long one URL may take, body included, before it is aborted (default 10 000 ms). */
  timeoutMs?: number;
  /** Aborting it stops the whole scrape: the call rejects with its reason. */
  signal?: AbortSignal;
  /** Called with each result as soon as it is known, in completion order. */
  onResult?: (result: ScrapeResult) => void;
}

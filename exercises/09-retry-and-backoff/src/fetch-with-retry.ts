/**
 * `fetch(url, init)`, retried when the failure is likely to be temporary:
 * a network error (`fetch` rejects), or a response with status 429, 502, 503
 * or 504. Any other response, 404 and 500 included, is returned as it is.
 *
 * - Waits as `retry` does, with factor 2 and no jitter: `baseDelayMs`
 *   (default 500) before the first retry, then twice that, and so on, for at
 *   most `retries` (default 3) retries.
 * - A `Retry-After` header on a retried response, in seconds (`"2"`) or as an
 *   HTTP date, sets the length of that one wait instead.
 * - When the retries run out, returns the last response (a retryable status)
 *   or rejects with the last error (a network error).
 * - `init.signal` aborts a request in flight or a wait at once: the call
 *   rejects with `signal.reason` and makes no further request.
 * - `retries` or `baseDelayMs` negative or `NaN` rejects with a `RangeError`
 *   before any request.
 */
export async function fetchWithRetry(url: string, init?: RequestInit & { retries?: number; baseDelayMs?: number }): Promise<Response> {
  // TODO: fetch, and retry network errors and 429/502/503/504 with backoff (or Retry-After).
  throw new Error("TODO: implement fetchWithRetry in src/fetch-with-retry.ts");
}

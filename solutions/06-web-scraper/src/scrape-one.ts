import type { ScrapeResult } from "./types.ts";

export async function scrapeOne(url: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<ScrapeResult> {
  const { timeoutMs, signal } = options;
  // A signal, not a timer racing the request: when it fires, fetch itself is
  // aborted and the server sees the connection drop. Folding in the caller's
  // signal lets one abort stop this request too.
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  // performance.now() is monotonic: a wall-clock change mid-request cannot
  // make a duration negative.
  const started = performance.now();
  try {
    const response = await fetch(url, { signal: combined });
    // The signal stays attached to the body stream, so a body still trickling
    // in at the deadline is cut off as well: the timeout covers the whole answer.
    const content = await response.text();
    return { url, success: true, status: response.status, contentLength: content.length, durationMs: performance.now() - started };
  } catch (error) {
    // The caller's abort is not this URL failing: it must reach scrapeUrls as
    // a rejection, or the scrape would carry on as if nothing was said.
    if (signal?.aborted) throw signal.reason;
    // Ask the signal, not the error, what happened: the error's type depends
    // on when the abort landed (before the headers or during the body).
    const message = timeout.aborted ? `timeout after ${timeoutMs} ms` : describe(error);
    return { url, success: false, status: null, error: message, durationMs: performance.now() - started };
  }
}

/** fetch's own message for a network error is only "fetch failed": the reason is in its cause. */
function describe(error: unknown): string {
  // Stryker disable next-line ConditionalExpression: fetch rejects only with Errors (TypeError, DOMException); a thrown non-Error can reach here only from code that is not fetch
  if (!(error instanceof Error)) return String(error);
  // Stryker disable next-line StringLiteral: fetch's network errors (undici's and msw's alike) always carry an Error cause; the empty suffix is for an Error that has none
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}

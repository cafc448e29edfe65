import { extractLinks } from "./extract-links.ts";
import type { PageOutcome } from "./types.ts";

export async function fetchPage(url: string, options: { timeoutMs: number; retries: number; signal?: AbortSignal }): Promise<PageOutcome> {
  const { timeoutMs, retries, signal } = options;
  for (let attempt = 0; ; attempt++) {
    // A fresh deadline per attempt: a retry is a new request and deserves the full time.
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      // The same signal covers the headers and the body: a page that trickles in is cut off too.
      const response = await fetch(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
      if (!response.ok || !isHtml(response.headers.get("content-type"))) {
        // An answer all the same, but nothing to follow: an error page's links are not the site's,
        // and a JSON or text body has no <a> elements. Cancelling frees the connection without reading it.
        await response.body?.cancel();
        return { ok: true, status: response.status, links: [] };
      }
      const html = await response.text();
      return { ok: true, status: response.status, links: extractLinks(html, url) };
    } catch (error) {
      // The caller said stop: not this URL's failure, and no reason to try again.
      if (signal?.aborted) throw signal.reason;
      if (attempt >= retries) {
        return { ok: false, error: timeout.aborted ? `timeout after ${timeoutMs} ms` : describe(error) };
      }
    }
  }
}

/** "text/html; charset=utf-8" is HTML too: compare the media type only, which is case-insensitive. */
function isHtml(contentType: string | null): boolean {
  const mediaType = contentType?.split(";")[0]; // undefined when there is no content-type (a 204 has none)
  return mediaType?.trim().toLowerCase() === "text/html";
}

/** Node's fetch says only "fetch failed"; the reason, when there is one, is in `cause`. */
function describe(error: unknown): string {
  // Stryker disable next-line ConditionalExpression,BooleanLiteral: fetch rejects only with Errors (TypeError, DOMException), and a non-Error reason of the caller's signal is rethrown before this; for an Error, String(error) ("TypeError: fetch failed") changes only the wording, which the contract leaves free (a message; a timeout's says timeout), as the timer-and-listener alternative's String(error) shows
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

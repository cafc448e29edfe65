import type { PageOutcome } from "./types.ts";

/**
 * Fetches one URL for the crawler and says what came back.
 *
 * - Any HTTP answer resolves with `{ ok: true, status, links }`. `links` are
 *   the page's links (see `extractLinks` in ./extract-links.ts) when the
 *   answer is successful (2xx) and its content-type is `text/html`; for any
 *   other answer (a 404, a 500, JSON, plain text…) they are `[]`.
 * - A network error, or no complete answer within `timeoutMs` (body
 *   included), is tried again, up to `retries` more times, each try with its
 *   own `timeoutMs`. When none succeeds, resolves with `{ ok: false, error }`:
 *   a message saying what happened (for a timeout, containing "timeout"). A
 *   timed-out request is aborted, not left running.
 * - If `signal` (the caller's) aborts, rejects with `signal.reason` and
 *   tries nothing more: that is not this URL's failure, it is "stop".
 */
export async function fetchPage(url: string, options: { timeoutMs: number; retries: number; signal?: AbortSignal }): Promise<PageOutcome> {
  // TODO: fetch with a signal that aborts at timeoutMs (or when options.signal does); retry network errors and timeouts.
  throw new Error("TODO: implement fetchPage in src/fetch-page.ts");
}

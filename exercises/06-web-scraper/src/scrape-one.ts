import type { ScrapeResult } from "./types.ts";

/**
 * Fetches one URL, reads its body as text, and describes how it went.
 *
 * - Any HTTP status resolves with `success: true`, the status and the body's
 *   length in characters.
 * - A network error, or no complete answer within `timeoutMs` (reading the
 *   body included), resolves with `success: false`, `status: null` and an
 *   `error` message; a timeout's message contains "timeout". A timed-out
 *   request is aborted, not left running.
 * - `durationMs` runs from sending the request to knowing the result.
 * - If `signal` (the caller's) aborts, this rejects with `signal.reason`: that
 *   is not this URL's failure, it is the caller saying "stop".
 */
export async function scrapeOne(url: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<ScrapeResult> {
  // TODO: fetch with a signal that aborts at timeoutMs (or when options.signal does), read the text, build the result.
  throw new Error("TODO: implement scrapeOne in src/scrape-one.ts");
}

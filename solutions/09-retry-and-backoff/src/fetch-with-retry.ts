import { mustBeNonNegative, wait } from "./retry.ts";

/**
 * Statuses that say "try again later": too many requests, and a gateway or
 * server that is overloaded or cannot reach its upstream. A 500 or a 4xx says
 * something about the request itself; sending it again gets the same answer.
 */
const RETRYABLE = new Set([429, 502, 503, 504]);

/** A Retry-After header in ms from now: delay-seconds ("120") or an HTTP date. */
function retryAfterMs(header: string | null): number | undefined {
  // Stryker disable next-line ConditionalExpression: without it null reads as "null", which is neither digits nor a date: undefined all the same
  if (header === null) return undefined;
  if (/^\s*\d+\s*$/.test(header)) return Number(header) * 1000;
  const date = Date.parse(header);
  // A date is a moment, not a length: the wait is what is left until then.
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export async function fetchWithRetry(url: string, init: RequestInit & { retries?: number; baseDelayMs?: number } = {}): Promise<Response> {
  // retries and baseDelayMs are ours, not fetch's.
  const { retries = 3, baseDelayMs = 500, ...requestInit } = init;
  // Stryker disable next-line StringLiteral: the name only goes into the RangeError's message
  mustBeNonNegative("retries", retries);
  // Stryker disable next-line StringLiteral: as above
  mustBeNonNegative("baseDelayMs", baseDelayMs);
  const signal = requestInit.signal ?? undefined;

  // The same loop as retry(), written out: a Retry-After header changes one
  // wait, which retry() has no way to be told.
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, requestInit);
    } catch (error) {
      // fetch rejects for an abort too: the caller's decision, not a network error.
      signal?.throwIfAborted();
      if (attempt > retries) throw error;
      await wait(baseDelayMs * 2 ** (attempt - 1), signal);
      continue;
    }
    if (!RETRYABLE.has(response.status) || attempt > retries) return response;
    const delay = retryAfterMs(response.headers.get("retry-after")) ?? baseDelayMs * 2 ** (attempt - 1);
    // This response is thrown away: cancelling its body frees the connection.
    // Stryker disable next-line OptionalChaining: a 429, 502, 503 or 504 is never a null-body status, so fetch always gives it a body stream
    await response.body?.cancel();
    await wait(delay, signal);
  }
}

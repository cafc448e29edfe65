// Right, another way: self-contained (nothing shared with retry.ts), a while
// loop with the waits from node:timers/promises, and the Retry-After date read
// with new Date().
import { setTimeout as sleep } from "node:timers/promises";

const RETRYABLE_STATUSES = [429, 502, 503, 504];

export async function fetchWithRetry(url: string, init: RequestInit & { retries?: number; baseDelayMs?: number } = {}): Promise<Response> {
  const { retries = 3, baseDelayMs = 500, ...rest } = init;
  if (Number.isNaN(retries) || retries < 0) throw new RangeError(`retries must be >= 0, got ${retries}`);
  if (Number.isNaN(baseDelayMs) || baseDelayMs < 0) throw new RangeError(`baseDelayMs must be >= 0, got ${baseDelayMs}`);
  const signal = rest.signal ?? undefined;

  const pause = async (ms: number) => {
    try {
      await sleep(ms, undefined, { signal });
    } catch (error) {
      throw signal?.aborted ? signal.reason : error;
    }
  };

  let retriesLeft = retries;
  let delay = baseDelayMs;
  while (true) {
    let response: Response | undefined;
    let failure: unknown;
    try {
      response = await fetch(url, rest);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      failure = error;
    }
    const retryable = response === undefined || RETRYABLE_STATUSES.includes(response.status);
    if (!retryable || retriesLeft === 0) {
      if (response) return response;
      throw failure;
    }
    retriesLeft--;
    let wait = delay;
    const header = response?.headers.get("Retry-After");
    if (header) {
      const seconds = Number(header);
      const at = new Date(header).getTime();
      if (Number.isFinite(seconds)) wait = seconds * 1000;
      else if (Number.isFinite(at)) wait = Math.max(0, at - Date.now());
    }
    await response?.body?.cancel();
    await pause(wait);
    delay *= 2;
  }
}

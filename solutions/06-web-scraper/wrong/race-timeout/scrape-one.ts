// Wrong: Promise.race against a timer only decides which promise this function
// listens to. At the deadline it reports a timeout, but the fetch itself is not
// cancelled: it keeps downloading, the server keeps working, and the slot it
// held is handed to the next URL while it still runs, so the server sees more
// than maxConcurrent requests. The timer is never cleared either, so every
// successful URL leaves one behind. (fetch has no timeout option, so this is
// the first thing a line-by-line translation of `get(url, timeout=10)` reaches for.)
import type { ScrapeResult } from "./types.ts";

export async function scrapeOne(url: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<ScrapeResult> {
  const { timeoutMs, signal } = options;
  const started = performance.now();
  const work = (async (): Promise<ScrapeResult> => {
    const response = await fetch(url, { signal });
    const content = await response.text();
    return { url, success: true, status: response.status, contentLength: content.length, durationMs: performance.now() - started };
  })();
  const deadline = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs));
  try {
    return await Promise.race([work, deadline]);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const message = error instanceof Error ? error.message : String(error);
    return { url, success: false, status: null, error: message, durationMs: performance.now() - started };
  }
}

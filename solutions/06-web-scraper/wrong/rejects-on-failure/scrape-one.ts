// Wrong: written like a plain fetch helper, it lets a network error or a
// timeout escape as a rejection. scrapeUrls waits with Promise.all, so one bad
// URL rejects the whole scrape and every other result is lost.
import type { ScrapeResult } from "./types.ts";

export async function scrapeOne(url: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<ScrapeResult> {
  const { timeoutMs, signal } = options;
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const started = performance.now();
  const response = await fetch(url, { signal: combined });
  const content = await response.text();
  return { url, success: true, status: response.status, contentLength: content.length, durationMs: performance.now() - started };
}

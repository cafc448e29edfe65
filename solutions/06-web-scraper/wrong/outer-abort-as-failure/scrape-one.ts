// Wrong: the catch turns every error into a failed result, the caller's abort
// included (in JS an abort is an error like any other; unlike Python's
// CancelledError, nothing makes it slip past a catch-all). The requests the
// caller cut off are reported through onResult as if they had failed.
import type { ScrapeResult } from "./types.ts";

export async function scrapeOne(url: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<ScrapeResult> {
  const { timeoutMs, signal } = options;
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const started = performance.now();
  try {
    const response = await fetch(url, { signal: combined });
    const content = await response.text();
    return { url, success: true, status: response.status, contentLength: content.length, durationMs: performance.now() - started };
  } catch (error) {
    const message = timeout.aborted ? `timeout after ${timeoutMs} ms` : error instanceof Error ? error.message : String(error);
    return { url, success: false, status: null, error: message, durationMs: performance.now() - started };
  }
}

// Wrong: counts the body's bytes, not its characters. They agree for plain
// ASCII only: "ü" is one character but two bytes in UTF-8.
import type { ScrapeResult } from "./types.ts";

export async function scrapeOne(url: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<ScrapeResult> {
  const { timeoutMs, signal } = options;
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const started = performance.now();
  try {
    const response = await fetch(url, { signal: combined });
    const body = await response.arrayBuffer();
    return { url, success: true, status: response.status, contentLength: body.byteLength, durationMs: performance.now() - started };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const message = timeout.aborted ? `timeout after ${timeoutMs} ms` : error instanceof Error ? error.message : String(error);
    return { url, success: false, status: null, error: message, durationMs: performance.now() - started };
  }
}

// Wrong: the timer is cleared as soon as fetch resolves, but fetch resolves
// when the headers arrive, not the body. A server that sends its headers at
// once and then trickles the body in is never timed out.
import type { ScrapeResult } from "./types.ts";

export async function scrapeOne(url: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<ScrapeResult> {
  const { timeoutMs, signal } = options;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error("timeout")), timeoutMs);
  const combined = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
  const started = performance.now();
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: combined });
    } finally {
      clearTimeout(timer);
    }
    const content = await response.text();
    return { url, success: true, status: response.status, contentLength: content.length, durationMs: performance.now() - started };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const message = deadline.signal.aborted ? `timeout after ${timeoutMs} ms` : error instanceof Error ? error.message : String(error);
    return { url, success: false, status: null, error: message, durationMs: performance.now() - started };
  }
}

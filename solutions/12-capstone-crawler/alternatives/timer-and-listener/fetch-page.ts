// Another right way: the deadline by hand, an AbortController aborted by a
// setTimeout, and the caller's signal forwarded by a listener, both undone in
// `finally` whatever happens, so no timer and no listener outlive the request.
import { extractLinks } from "./extract-links.ts";
import type { PageOutcome } from "./types.ts";

export async function fetchPage(url: string, options: { timeoutMs: number; retries: number; signal?: AbortSignal }): Promise<PageOutcome> {
  const { timeoutMs, retries, signal } = options;
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const forward = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", forward);
    try {
      const response = await fetch(url, { signal: controller.signal });
      const type = response.headers.get("content-type") ?? "";
      if (response.status >= 200 && response.status < 300 && /^text\/html\s*(;|$)/i.test(type)) {
        return { ok: true, status: response.status, links: extractLinks(await response.text(), url) };
      }
      await response.arrayBuffer(); // read and thrown away: a body left unread holds the connection
      return { ok: true, status: response.status, links: [] };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (attempt >= retries) {
        return { ok: false, error: timedOut ? `timed out after ${timeoutMs} ms` : String(error) };
      }
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", forward);
    }
  }
}

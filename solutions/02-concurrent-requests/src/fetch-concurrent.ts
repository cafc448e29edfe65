import { fetchJson } from "./fetch-json.ts";

export async function fetchConcurrent(urls: string[], init?: RequestInit): Promise<unknown[]> {
  // One controller for the whole batch, so a failure can cancel the siblings;
  // the caller's signal is folded in so that it cancels them too.
  const batch = new AbortController();
  const signal = init?.signal ? AbortSignal.any([init.signal, batch.signal]) : batch.signal;
  // Promises are eager: calling fetchJson() starts the request right away, so
  // mapping over the URLs starts every request before awaiting any of them.
  const requests = urls.map((url) =>
    fetchJson(url, { ...init, signal }).catch((error: unknown) => {
      batch.abort(error);
      throw error;
    }),
  );
  // Promise.all keeps input order and rejects with the first failure; it does
  // not cancel anything by itself, hence the abort above.
  return Promise.all(requests);
}

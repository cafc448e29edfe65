// Wrong: pushing each result as it arrives gives completion order, not input order.
import { fetchJson } from "./fetch-json.ts";

export async function fetchConcurrent(urls: string[], init?: RequestInit): Promise<unknown[]> {
  const batch = new AbortController();
  const signal = init?.signal ? AbortSignal.any([init.signal, batch.signal]) : batch.signal;
  const results: unknown[] = [];
  await Promise.all(
    urls.map(async (url) => {
      try {
        results.push(await fetchJson(url, { ...init, signal }));
      } catch (error) {
        batch.abort(error);
        throw error;
      }
    }),
  );
  return results;
}

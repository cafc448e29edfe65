// Wrong: awaiting inside the loop means each request starts only after the
// previous one finished. This is fetchSequential under another name.
import { fetchJson } from "./fetch-json.ts";

export async function fetchConcurrent(urls: string[], init?: RequestInit): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const url of urls) {
    results.push(await fetchJson(url, init));
  }
  return results;
}

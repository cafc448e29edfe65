import { fetchJson } from "./fetch-json.ts";

export async function fetchSequential(urls: string[], init?: RequestInit): Promise<unknown[]> {
  const results: unknown[] = [];
  // Awaiting inside the loop is exactly what makes this sequential: the next
  // fetch() is not even called until the previous body has arrived.
  for (const url of urls) {
    results.push(await fetchJson(url, init));
  }
  return results;
}

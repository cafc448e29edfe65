// Wrong: Promise.all over the URLs starts every request at once; the results
// come back in order, but the requests were not one after another.
import { fetchJson } from "./fetch-json.ts";

export async function fetchSequential(urls: string[], init?: RequestInit): Promise<unknown[]> {
  return Promise.all(urls.map((url) => fetchJson(url, init)));
}

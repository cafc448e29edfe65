// Wrong: Promise.all rejects on the first failure, but the other requests keep
// running (and the server keeps working for nobody): nothing aborts them.
import { fetchJson } from "./fetch-json.ts";

export async function fetchConcurrent(urls: string[], init?: RequestInit): Promise<unknown[]> {
  return Promise.all(urls.map((url) => fetchJson(url, init)));
}

/**
 * Fetches `url` and resolves with the parsed JSON body.
 * A response whose status is not 2xx rejects with an `HttpError` (see ./http-error.ts).
 */
export async function fetchJson<T = unknown>(url: string, init?: RequestInit): Promise<T> {
  // TODO: fetch the URL (passing `init` on), check the status, parse the body.
  throw new Error("TODO: implement fetchJson in src/fetch-json.ts");
}

import { HttpError } from "./http-error.ts";

export async function fetchJson<T = unknown>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  // fetch only rejects when no answer arrives at all; a 404 or 500 is still an
  // answer, so the status has to be checked by hand.
  if (!response.ok) {
    // Drain the body so the connection can be reused.
    await response.body?.cancel();
    throw new HttpError(response.status, url);
  }
  return (await response.json()) as T;
}

/**
 * Fetches every URL as JSON, one at a time: each request starts only after the
 * previous one has finished. Resolves with the bodies in the order of `urls`.
 */
export async function fetchSequential(urls: string[], init?: RequestInit): Promise<unknown[]> {
  // TODO: one request after another.
  throw new Error("TODO: implement fetchSequential in src/fetch-sequential.ts");
}

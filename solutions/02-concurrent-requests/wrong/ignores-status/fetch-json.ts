// Wrong: fetch resolves for a 404 or 500 too; without checking response.ok the
// error page is returned as if it were data.
export async function fetchJson<T = unknown>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  return (await response.json()) as T;
}

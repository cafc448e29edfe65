import { hrefsIn } from "./hrefs.ts";

export function extractLinks(html: string, pageUrl: string): string[] {
  const page = new URL(pageUrl);
  // A Set keeps insertion order: the first appearance of each URL decides its place.
  const links = new Set<string>();
  for (const href of hrefsIn(html)) {
    // Relative hrefs ("intro", "../faq", "?page=2") only mean something against the page they are on.
    const url = URL.parse(href, pageUrl);
    // The origin compares scheme, host and port at once: http://site.test is not https://site.test,
    // and mailto:/javascript: links have the opaque origin "null", so they go too.
    if (url === null || url.origin !== page.origin) continue;
    // The fragment never reaches the server: /a#intro and /a#usage are one page, so drop it before deduplicating.
    url.hash = "";
    links.add(url.href);
  }
  return [...links];
}

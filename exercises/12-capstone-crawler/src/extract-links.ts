import { hrefsIn } from "./hrefs.ts";

/**
 * The links of one HTML page, as `crawl` reports them: each `<a href>` (see
 * `hrefsIn` in ./hrefs.ts) resolved against `pageUrl`, keeping only those on
 * the same origin as `pageUrl` (scheme, host and port), without their
 * `#fragment`, each URL once, in order of first appearance.
 *
 *     extractLinks(`<a href="intro#setup">…<a href="/">…<a href="https://elsewhere.test/">…<a href="intro">`,
 *                  "https://site.test/docs/")
 *     // → ["https://site.test/docs/intro", "https://site.test/"]
 *
 * An href that is not a valid URL is skipped.
 */
export function extractLinks(html: string, pageUrl: string): string[] {
  // TODO: resolve each href with new URL(href, pageUrl), keep the same origin, drop the hash, keep each URL once in order.
  throw new Error("TODO: implement extractLinks in src/extract-links.ts");
}

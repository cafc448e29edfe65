// The crawler on a generated site of about fifty pages (see ./site.ts): cycles,
// pages that many pages link to, relative and absolute links, fragments,
// links to other origins, JSON and plain-text bodies, slow pages, pages that
// never answer, 404s, 500s and network errors.
import { mockApi, points, useVirtualClock, valueOf, type RequestRecord } from "@course/testkit";
import { beforeEach, describe, expect, test } from "vitest";
import { crawl, type CrawlOptions, type CrawlResult } from "../src/index.ts";
import { expectCrawl, expectedLinks, generateSite, ORIGIN, refuseOtherOrigins, serveSite, START_URL, TIMEOUT_MS } from "./site.ts";
import { errorKind, failIfAny, mapDifferences, requestedPaths, requestLogProblems } from "./support.ts";

const clock = useVirtualClock();
const api = mockApi(ORIGIN);
const site = generateSite();

let refused: string[] = [];
beforeEach(() => {
  refused = refuseOtherOrigins();
});

/** A crawl of the site: what it resolved with, and what the server saw (a copy: the kit clears its log after each test). */
interface SiteCrawl {
  result: CrawlResult;
  requests: RequestRecord[];
  refused: string[];
}

/** Crawls the whole site: 4 at a time, deep enough for every page, one second per request. */
async function crawlSite(options: Partial<CrawlOptions> = {}): Promise<SiteCrawl> {
  serveSite(api, site);
  const outcome = await clock.settle(crawl(START_URL, { maxConcurrent: 4, maxDepth: 10, timeoutMs: TIMEOUT_MS, ...options }));
  return { result: valueOf(outcome, "crawl(…) of the generated site"), requests: [...api.requests], refused: [...refused] };
}

// Fifty requests through the mocked server take real time (msw does real work
// for each), so the tests that only look at different parts of the same crawl
// share it: the first of them to run makes it.
let defaultCrawl: SiteCrawl | undefined;
const crawlSiteOnce = async () => (defaultCrawl ??= await crawlSite());

/** URL → depth, for a readable diff. A URL listed twice keeps its first entry: duplicates have a test of their own. */
const depths = (pages: readonly { url: string; depth: number }[]) => Object.fromEntries(pages.toReversed().map((p) => [p.url, p.depth]));
const errorKinds = (result: CrawlResult) => Object.fromEntries(result.errors.map((e) => [e.url, errorKind(e.error)]));
const statuses = (pages: readonly { url: string; status: number }[]) => Object.fromEntries(pages.toReversed().map((p) => [p.url, p.status]));

/** Why a URL the crawl should have listed in pages is not there: it landed in errors, or was never requested. */
function whereItWent(crawled: SiteCrawl) {
  return (url: string) => {
    const error = crawled.result.errors.find((e) => e.url === url);
    if (error) return `: it is in errors ("${error.error}")`;
    const withFragment = crawled.result.pages.find((p) => p.url !== url && p.url.split("#")[0] === url);
    if (withFragment) return `: it is in pages as ${withFragment.url}, with a #fragment`;
    return crawled.requests.some((r) => r.url === url) ? ": it was requested, but is in neither pages nor errors" : ": it was never requested";
  };
}

/** The pages whose `links` differ from what they should be, each with the hrefs as the page wrote them. */
function linkMismatches(result: CrawlResult, expected: ReturnType<typeof expectCrawl>): string[] {
  const want = new Map(expected.pages.map((p) => [p.url, p.links]));
  return result.pages.flatMap((page) => {
    const links = want.get(page.url);
    if (links === undefined || JSON.stringify(page.links) === JSON.stringify(links)) return [];
    const hrefs = site.pages.get(new URL(page.url).pathname)?.links.map((l) => l.href) ?? [];
    return [
      `${page.url}\n    its <a href>s:  ${JSON.stringify(hrefs)}\n    links should be: ${JSON.stringify(links)}\n    but were:        ${JSON.stringify(page.links)}`,
    ];
  });
}

// One crawl of the site takes up to a second or two of real time on a busy machine: allow for it.
describe("crawl on a generated site", { timeout: 15_000 }, () => {
  test("crawl finds every page of the site at its depth: the length of the shortest chain of links from the start page", points(2), async () => {
    const crawled = await crawlSiteOnce();
    failIfAny(
      mapDifferences(depths(crawled.result.pages), depths(expectCrawl(site).pages), "depth", whereItWent(crawled)),
      "pages: every URL reachable from the start page by same-origin links, with its depth (start page 0, the pages it links to 1, …). Yours differ:",
    );
  });

  test("crawl reports each page with its status, 404s and 500s included, and the URLs that got no answer in errors", points(2), async () => {
    const crawled = await crawlSiteOnce();
    const { result } = crawled;
    const expected = expectCrawl(site);
    failIfAny(
      mapDifferences(statuses(result.pages), statuses(expected.pages), "status", whereItWent(crawled)),
      "every HTTP answer is a page with its status, whatever the status. Yours differ:",
    );
    failIfAny(
      mapDifferences(errorKinds(result), Object.fromEntries(expected.errors), "error"),
      'errors: each URL that got no answer, with a message; a timeout\'s message says "timeout" (or "timed out"), a network error\'s does not. Yours differ:',
    );
    for (const error of result.errors) expect(error.error.trim(), `the error message of ${error.url} is empty`).not.toBe("");
  });

  test("crawl lists each page's links once each, in order of first appearance, same origin only, without fragments", points(2), async () => {
    const { result } = await crawlSiteOnce();
    expect(result.pages.length, "crawl found no pages at all").toBeGreaterThan(1);
    failIfAny(
      linkMismatches(result, expectCrawl(site)),
      "a page's links: each <a href> resolved against the page's URL (new URL(href, pageUrl)), " +
        "kept only on the start page's origin, its #fragment dropped, each URL once, in the order it first appears. These pages differ:",
    );
  });

  test("crawl does not read links from a 404, a 500 or a body that is not text/html", async () => {
    const { result, requests } = await crawlSiteOnce();
    const unparsed = [...site.pages.values()].filter((p) => ["404", "500", "text", "json"].includes(p.kind)).map((p) => p.url);
    const found = unparsed.flatMap((url) => result.pages.find((p) => p.url === url) ?? []);
    const notFound = unparsed.filter((url) => !found.some((p) => p.url === url));
    failIfAny(
      notFound.map((url) => `${url}${whereItWent({ result, requests, refused: [] })(url)}`),
      "the 404, 500, JSON and plain-text pages should be in pages (an answer is a page, whatever its status or type); missing:",
    );
    failIfAny(
      found.filter((p) => p.links.length > 0).map((p) => `${p.url} (${p.status}): ${JSON.stringify(p.links)}`),
      "only a successful (2xx) answer whose content-type is text/html is parsed for links; these pages should have links: []",
    );
    failIfAny(
      requestedPaths(requests).filter((path) => path.startsWith("/trap/")),
      "these links only appear in bodies that must not be parsed (error pages, JSON, plain text): they should never be requested, but were:",
    );
  });

  test("crawl requests every URL once, even when many pages find it at the same moment", points(2), async () => {
    const { result, requests } = await crawlSiteOnce();
    expect(result.pages.length, "crawl found no pages at all").toBeGreaterThan(1);
    failIfAny(
      requestLogProblems(requests, expectCrawl(site).requests),
      "the server's request log: each URL should be requested once (plus its retries), however many pages link to it, " +
        "however close together they find it, and whatever #fragment their links add. Requested more than that:",
    );
    const urls = [...result.pages, ...result.errors].map((entry) => entry.url);
    expect(
      urls.filter((url, i) => urls.indexOf(url) !== i),
      "each URL should appear once in pages and errors together",
    ).toEqual([]);
  });

  test("crawl sorts pages by depth, then by URL code unit by code unit", async () => {
    const { result } = await crawlSiteOnce();
    const shown = result.pages.map((p) => `${p.depth} ${p.url}`);
    const sorted = [...result.pages]
      .sort((a, b) => a.depth - b.depth || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
      .map((p) => `${p.depth} ${p.url}`);
    expect(shown.length, "crawl found no pages at all").toBeGreaterThan(1);
    const first = shown.findIndex((entry, i) => entry !== sorted[i]);
    if (first !== -1) {
      expect.fail(
        `pages sorted by depth, then by URL comparing code units (a < b on strings, so "/Zine/" comes before "/blog/"). ` +
          `Yours first differ at position ${first + 1}: "${shown[first]}" stands where "${sorted[first]}" belongs.\n` +
          `Yours, from there:       ${shown.slice(first, first + 4).join(", ")}, …\nSorted, from there:      ${sorted.slice(first, first + 4).join(", ")}, …`,
      );
    }
  });

  test("crawl never requests another origin: links to another scheme, host or port are not followed", async () => {
    const { result, refused } = await crawlSiteOnce();
    expect(result.pages.length, "crawl found no pages at all").toBeGreaterThan(1);
    failIfAny(
      refused,
      `crawl requested these URLs, which are not on ${ORIGIN}: compare new URL(link).origin (scheme, host and port) with the start page's`,
    );
    const elsewhere = [...result.pages, ...result.errors].map((entry) => entry.url).filter((url) => URL.parse(url)?.origin !== ORIGIN);
    failIfAny(elsewhere, "pages and errors hold only URLs of the start page's origin; these are not:");
  });

  test("crawl never has more than maxConcurrent requests in flight, and does reach that many", points(2), async () => {
    const { result, requests } = await crawlSiteOnce(); // maxConcurrent: 4
    expect(result.pages.length, "crawl found no pages at all").toBeGreaterThan(1);
    expect(requests).toHaveHadAtMostInFlight(4);
    expect(requests).toHavePeakInFlight(4);
  });

  test("crawl fetches the pages up to maxDepth and lists, but does not follow, the links on pages at maxDepth", points(2), async () => {
    const { result, requests } = await crawlSite({ maxDepth: 2 });
    const expected = expectCrawl(site, { maxDepth: 2 });
    failIfAny(
      mapDifferences(depths(result.pages), depths(expected.pages), "depth", whereItWent({ result, requests, refused: [] })),
      "with maxDepth 2: the start page (depth 0), the pages it links to (1) and theirs (2); the links on depth-2 pages are not followed. Yours differ:",
    );
    const requested = requestedPaths(requests);
    const wanted = [...expected.requests.keys()].sort();
    failIfAny(
      [
        ...wanted.filter((path) => !requested.includes(path)).map((path) => `never requested: ${path}`),
        ...requested.filter((path) => !wanted.includes(path)).map((path) => `requested, but deeper than 2: ${path}`),
      ],
      "the server should see exactly the URLs up to depth 2:",
    );
    failIfAny(
      linkMismatches(result, expected),
      "a page's links are listed at every depth: pages at maxDepth list theirs too (they are only not followed). These pages differ:",
    );
  });

  test("crawl with maxDepth 0 fetches the start page only, and lists its links", async () => {
    const { result, requests } = await crawlSite({ maxDepth: 0 });
    const links = expectedLinks(site.pages.get("/")!);
    const start = result.pages.find((p) => p.url === START_URL);
    failIfAny(
      [
        ...(start ? [] : ["the start page is not in pages"]),
        ...(start && JSON.stringify(start.links) !== JSON.stringify(links)
          ? [`its links should be ${JSON.stringify(links)}, but were ${JSON.stringify(start.links)}`]
          : []),
        ...result.pages.filter((p) => p.url !== START_URL).map((p) => `a page beyond the start page: ${p.url} (depth ${p.depth})`),
        ...result.errors.map((e) => `an entry in errors: ${e.url}`),
        ...requestedPaths(requests)
          .filter((path) => path !== "/")
          .map((path) => `a request beyond the start page: ${path}`),
      ],
      "maxDepth 0: only the start page, at depth 0, with its links listed but not followed. Yours differs:",
    );
    expect(result, "maxDepth 0: only the start page, at depth 0, with its links listed but not followed").toEqual({
      pages: [{ url: START_URL, depth: 0, status: 200, links }],
      errors: [],
    });
    expect(requestedPaths(requests)).toEqual(["/"]);
  });

  test("crawl fetches exactly maxPages URLs when the site has more, each at its depth", points(2), async () => {
    const { result, requests } = await crawlSite({ maxPages: 20 });
    const fetched = [...result.pages, ...result.errors].map((entry) => entry.url);
    expect(fetched.length, "maxPages 20: pages and errors together should hold exactly 20 URLs").toBe(20);
    expect(requestedPaths(requests).length, "maxPages 20: the server should see exactly 20 different URLs").toBe(20);
    expect(fetched, "the start page is always fetched").toContain(START_URL);
    const all = depths(expectCrawl(site).pages);
    failIfAny(
      result.pages.filter((p) => all[p.url] !== p.depth).map((p) => `${p.url} at depth ${p.depth}, expected ${all[p.url]}`),
      "each page keeps the depth of the shortest chain of links to it:",
    );
  });
});

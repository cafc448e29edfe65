import { mockApi, points, useVirtualClock } from "@course/testkit";
import { beforeEach, describe, expect, test } from "vitest";
import { crawl, type CrawlOptions, type CrawlResult } from "../src/index.ts";
import { ORIGIN, refuseOtherOrigins } from "./site.ts";
import { failIfAny, notFoundElsewhere, page, resultOf } from "./support.ts";

const clock = useVirtualClock();
const api = mockApi(ORIGIN);

let refused: string[] = [];
beforeEach(() => {
  refused = refuseOtherOrigins();
  notFoundElsewhere(api);
});

const startPageOf = (result: CrawlResult) => result.pages.find((p) => p.depth === 0);
/** A page's links as the message shows them: paths, in order. */
const pathsOf = (links: readonly string[] | undefined) =>
  links === undefined ? "(there is no start page in pages)" : `[${links.map((link) => URL.parse(link)?.pathname ?? link).join(", ")}]`;
const sortedUrls = (result: CrawlResult) => result.pages.map((p) => p.url).sort();

const crawlFrom = (start: string, options: Partial<CrawlOptions> = {}) =>
  clock.settle(crawl(api.url(start), { maxConcurrent: 2, maxDepth: 5, timeoutMs: 5000, ...options }));

describe("crawl: which links, and how they are written", () => {
  test("crawl lists a page's links once each, in order of first appearance, without their fragments", points(2), async () => {
    api.get("/", page(["b", "/a#intro", "b#usage", "#top", "http://site.test/c", "a", "./"], 100));
    for (const path of ["/a", "/b", "/c"]) api.get(path, page([], 100));
    const result = resultOf(await crawlFrom("/#welcome"));
    expect(startPageOf(result)?.url, "the start page's URL, like every URL the crawler reports, has no #fragment").toBe(api.url("/"));
    expect(
      startPageOf(result)?.links,
      'the start page\'s hrefs are "b", "/a#intro", "b#usage", "#top", "http://site.test/c", "a", "./": ' +
        "resolved and without fragments that is /b, /a, /b, /, /c, /a, /; once each, in order of first appearance: [/b, /a, /, /c]. " +
        `Yours: ${pathsOf(startPageOf(result)?.links)}`,
    ).toEqual(["/b", "/a", "/", "/c"].map(api.url));
    expect(sortedUrls(result)).toEqual(["/", "/a", "/b", "/c"].map(api.url));
  });

  test("crawl resolves relative links against the URL of the page they are on", points(2), async () => {
    api.get("/docs/guide/", page(["intro", "../faq", "./setup/", "/about"], 100));
    for (const path of ["/docs/guide/intro", "/docs/faq", "/docs/guide/setup/", "/about"]) api.get(path, page([], 100));
    const result = resultOf(await crawlFrom("/docs/guide/"));
    expect(
      startPageOf(result)?.links,
      'on http://site.test/docs/guide/, "intro" is /docs/guide/intro, "../faq" is /docs/faq, "./setup/" is /docs/guide/setup/ ' +
        "and \"/about\" is /about: new URL(href, pageUrl), with the page's URL, not the site's root. " +
        `Yours: ${pathsOf(startPageOf(result)?.links)}`,
    ).toEqual(["/docs/guide/intro", "/docs/faq", "/docs/guide/setup/", "/about"].map(api.url));
    expect(result.pages.map((p) => `${new URL(p.url).pathname} at depth ${p.depth}`).sort(), "the pages those links lead to, one level down").toEqual(
      ["/about at depth 1", "/docs/faq at depth 1", "/docs/guide/ at depth 0", "/docs/guide/intro at depth 1", "/docs/guide/setup/ at depth 1"],
    );
  });

  test("crawl skips an href that is not a URL at all, and keeps the page's other links", async () => {
    // "http://" has no host and "http://[::1" an unclosed IPv6 address: neither resolves to a URL, on any page.
    api.get("/", page(["/a", "http://", "http://[::1", "/b"], 100));
    for (const path of ["/a", "/b"]) api.get(path, page([], 100));
    const result = resultOf(await crawlFrom("/"));
    const lostIn = result.errors.find((e) => e.url === api.url("/"));
    expect(
      startPageOf(result)?.links,
      'the start page\'s hrefs are "/a", "http://", "http://[::1" and "/b": the two in the middle are no URL at all (no host; ' +
        "an unclosed [), so they are skipped like a link to another origin, and the page is a page with links [/a, /b]. " +
        "URL.parse(href, pageUrl) returns null for them, where new URL(href, pageUrl) throws. " +
        (lostIn ? `Yours put the start page in errors instead: "${lostIn.error}"` : `Yours: ${pathsOf(startPageOf(result)?.links)}`),
    ).toEqual(["/a", "/b"].map(api.url));
    expect(sortedUrls(result), "the links around the broken hrefs are followed as usual").toEqual(["/", "/a", "/b"].map(api.url));
  });

  test("crawl keeps only the links to the start page's origin: same scheme, host and port", async () => {
    api.get(
      "/",
      page(
        [
          "https://elsewhere.test/",
          "//elsewhere.test/x",
          "https://site.test/a",
          "http://site.test:8443/a",
          "mailto:team@site.test",
          "javascript:void(0)",
          "/a",
        ],
        100,
      ),
    );
    api.get("/a", page([], 100));
    const result = resultOf(await crawlFrom("/"));
    expect(
      startPageOf(result)?.links,
      `of these hrefs only /a is on http://site.test: another host, scheme or port is another origin. Yours: ${JSON.stringify(startPageOf(result)?.links)}`,
    ).toEqual([api.url("/a")]);
    failIfAny(refused, `crawl requested these URLs, which are not on ${ORIGIN}:`);
    expect({ pages: result.pages.toSorted((a, b) => a.depth - b.depth), errors: result.errors }).toEqual({
      pages: [
        { url: api.url("/"), depth: 0, status: 200, links: [api.url("/a")] },
        { url: api.url("/a"), depth: 1, status: 200, links: [] },
      ],
      errors: [],
    });
  });
});

describe("crawl: which answers are read for links", () => {
  test("crawl reads a text/html page for links however its content-type is written: Text/HTML ; charset=utf-8", async () => {
    const html = `<!doctype html>\n<p><a href="/a">A</a></p>`;
    api.get("/", { text: html, after: 100, headers: { "content-type": "Text/HTML ; charset=utf-8" } });
    api.get("/a", page([], 100));
    const result = resultOf(await crawlFrom("/"));
    expect(
      startPageOf(result)?.links,
      'the start page\'s content-type is "Text/HTML ; charset=utf-8": the media type is the part before the ";", ' +
        'once the spaces around it are trimmed ("Text/HTML"), and it is case-insensitive: text/html, so the page is read for links. ' +
        `Yours: ${pathsOf(startPageOf(result)?.links)}`,
    ).toEqual([api.url("/a")]);
    expect(sortedUrls(result)).toEqual(["/", "/a"].map(api.url));
  });

  test("crawl reports an answer without a body or a content-type (204 No Content) as a page with its status and no links", async () => {
    api.get("/", page(["/empty", "/a"], 100));
    api.get("/empty", { status: 204, after: 100 });
    api.get("/a", page([], 100));
    const result = resultOf(await crawlFrom("/"));
    const lostIn = result.errors.find((e) => e.url === api.url("/empty"));
    expect(
      result.pages.find((p) => p.url === api.url("/empty")),
      "/empty answered 204 No Content: an answer, so a page with status 204 and links [] (there is nothing to read). It has no body " +
        "(response.body is null) and no content-type (headers.get gives null): code that reads either without asking fails on it" +
        (lostIn ? `, and yours put it in errors: "${lostIn.error}"` : ""),
    ).toEqual({ url: api.url("/empty"), depth: 1, status: 204, links: [] });
    expect(result.errors, "every URL got an answer: errors should be empty").toEqual([]);
  });
});

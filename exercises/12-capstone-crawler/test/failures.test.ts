import { mockApi, points, useVirtualClock } from "@course/testkit";
import { beforeEach, describe, expect, test } from "vitest";
import { crawl, type CrawlOptions, type CrawlResult } from "../src/index.ts";
import { ORIGIN, refuseOtherOrigins } from "./site.ts";
import { abortListeners, LISTENERS_LEFT, notFoundElsewhere, page, requestCounts, resultOf, urlsOf } from "./support.ts";

const clock = useVirtualClock();
const api = mockApi(ORIGIN);

beforeEach(() => {
  refuseOtherOrigins();
  notFoundElsewhere(api);
});

const crawlFrom = (options: Partial<CrawlOptions> = {}) =>
  clock.settle(crawl(api.url("/"), { maxConcurrent: 2, maxDepth: 5, timeoutMs: 5000, ...options }));

const errorUrlsOf = (result: CrawlResult) => result.errors.map((e) => new URL(e.url).pathname).sort();
const messageOf = (result: CrawlResult, path: string) => result.errors.find((e) => e.url === api.url(path))?.error ?? "";

describe("crawl: timeouts, network errors, retries", () => {
  test("crawl aborts a request at timeoutMs, puts the timeout in errors and goes on", points(2), async () => {
    api.get("/", page(["/hang", "/a"], 100));
    api.get("/hang", { never: true });
    api.get("/a", page(["/b"], 200));
    api.get("/b", page([], 500));
    const outcome = await crawlFrom({ maxConcurrent: 2, timeoutMs: 1000 });
    const result = resultOf(outcome);
    expect(api).toHaveAborted("/hang", 1100);
    expect(errorUrlsOf(result), "/hang got no answer within timeoutMs: it belongs in errors").toEqual(["/hang"]);
    expect(messageOf(result, "/hang"), 'a timeout\'s error message should say so: include the word "timeout"').toMatch(/timed?[ -]?out/i);
    expect(urlsOf(result), "the crawl goes on around a timeout: /a and /b are fetched as usual").toEqual(["/", "/a", "/b"]);
    expect(outcome).toResolveAt(1100);
  });

  test("crawl puts a network error in errors, with a message that does not say timeout, and goes on", points(2), async () => {
    api.get("/", page(["/down", "/ok"], 100));
    api.get("/down", { networkError: true, after: 50 });
    api.get("/ok", page(["/deeper"], 200));
    api.get("/deeper", page([], 100));
    const result = resultOf(await crawlFrom());
    expect(errorUrlsOf(result), "a network error is not a page: { url, error } in errors").toEqual(["/down"]);
    expect(messageOf(result, "/down").trim(), "the error message should say what went wrong, but it is empty").not.toBe("");
    expect(messageOf(result, "/down"), "this was a network error, not a timeout: the message should not say timeout").not.toMatch(/timed?[ -]?out/i);
    expect(urlsOf(result), "one failed URL does not stop the crawl: /ok and the page it links to are fetched as usual").toEqual([
      "/",
      "/deeper",
      "/ok",
    ]);
  });

  test("crawl retries a URL that fails up to `retries` times, and keeps the page it finally gets", points(2), async () => {
    api.get("/", page(["/flaky", "/down"], 100));
    api.get("/flaky", [{ networkError: true, after: 50 }, { never: true }, page(["/deep"], 100)]);
    api.get("/down", { networkError: true, after: 50 });
    api.get("/deep", page([], 100));
    const result = resultOf(await crawlFrom({ retries: 2, timeoutMs: 1000 }));
    expect(
      Object.fromEntries(requestCounts(api.requests)),
      "retries: 2 means up to 3 requests for a URL that fails (a network error or a timeout), and no more once one answers. " +
        `Requests per path: ${JSON.stringify(Object.fromEntries(requestCounts(api.requests)))}\n\n${api.timeline()}\n`,
    ).toEqual({ "/": 1, "/flaky": 3, "/down": 3, "/deep": 1 });
    expect(urlsOf(result), "/flaky answered on its third try: it is a page like any other, and /deep, which it links to, is fetched").toEqual([
      "/",
      "/deep",
      "/flaky",
    ]);
    expect(errorUrlsOf(result), "/down failed all 3 times: it belongs in errors").toEqual(["/down"]);
  });

  test("crawl gives each retry its own timeoutMs", async () => {
    api.get("/", page(["/slow"], 100));
    api.get("/slow", [{ never: true }, page([], 800)]);
    const outcome = await crawlFrom({ retries: 1, timeoutMs: 1000 });
    expect(api).toHaveAborted("/slow", 1100);
    expect(
      urlsOf(resultOf(outcome)),
      "the first try of /slow timed out at 1100 ms; the second answers 800 ms after it starts, within its own 1000 ms: it should be a page",
    ).toEqual(["/", "/slow"]);
  });

  test("crawl never retries an HTTP error status, and retries nothing by default", async () => {
    api.get("/", page(["/missing", "/broken", "/down"], 100));
    api.get("/missing", { status: 404, text: "<h1>Not found</h1>", after: 50, headers: { "content-type": "text/html" } });
    api.get("/broken", { status: 500, text: "oops", after: 50 });
    api.get("/down", { networkError: true, after: 50 });
    const withRetries = resultOf(await crawlFrom({ retries: 2 }));
    expect(
      Object.fromEntries(requestCounts(api.requests)),
      "with retries: 2, a 404 or a 500 is still an answer, requested once; only the network error is tried 3 times. " +
        `Requests per path: ${JSON.stringify(Object.fromEntries(requestCounts(api.requests)))}`,
    ).toEqual({ "/": 1, "/missing": 1, "/broken": 1, "/down": 3 });
    expect(withRetries.pages.map((p) => [new URL(p.url).pathname, p.status]).sort(), "the 404 and the 500 are pages, with their status").toEqual([
      ["/", 200],
      ["/broken", 500],
      ["/missing", 404],
    ]);
    const before = api.requests.length;
    resultOf(await crawlFrom());
    expect(
      Object.fromEntries(requestCounts(api.requests.slice(before))),
      "without the retries option, every URL is requested once, a failing one too",
    ).toEqual({ "/": 1, "/missing": 1, "/broken": 1, "/down": 1 });
  });

  test("crawl leaves no timer and no abort listener behind once it resolves", async () => {
    api.get("/", page(["/a", "/b"], 100));
    api.get("/a", page([], 200));
    api.get("/b", { networkError: true, after: 100 });
    const controller = new AbortController();
    const result = resultOf(await crawlFrom({ timeoutMs: 60_000, signal: controller.signal }));
    expect(urlsOf(result)).toEqual(["/", "/a"]);
    // Node's fetch keeps idle connections open for a few seconds, on timers of its own: let those close.
    await clock.advance(20_000);
    expect(
      clock.pendingTimers(),
      "a timer was still pending 20 s after the crawl resolved (its requests had a 60 s timeout): clear each request's timeout timer once its request is over",
    ).toBe(0);
    expect(abortListeners(controller.signal), LISTENERS_LEFT).toBe(0);
  });
});

describe("crawl: maxPages", () => {
  test("crawl counts the URLs in errors toward maxPages too", points(2), async () => {
    const failing = ["/e1", "/e2", "/e3", "/e4", "/e5"];
    api.get("/", page(failing, 100));
    for (const path of failing) api.get(path, { networkError: true, after: 50 });
    const result = resultOf(await crawlFrom({ maxConcurrent: 1, maxPages: 4 }));
    expect(
      api.requests.length,
      "maxPages 4 caps the URLs fetched, pages and errors together: the start page and 3 of the 5 URLs it links to, which all fail",
    ).toBe(4);
    expect(urlsOf(result)).toEqual(["/"]);
    expect(result.errors.length, "3 URLs failed: 3 entries in errors").toBe(3);
  });

  test("crawl starts no more than maxPages URLs, even while requests are in flight", points(2), async () => {
    api.get("/", page(["/a", "/b", "/c", "/d", "/e", "/f"], 100));
    for (const path of ["/a", "/b", "/c", "/d", "/e", "/f"]) api.get(path, page([], 1000));
    const result = resultOf(await crawlFrom({ maxConcurrent: 4, maxPages: 3 }));
    expect(
      api.requests.map((r) => `${r.path} at ${r.start} ms`),
      `maxPages 3 counts every URL started, finished or not: the start page and 2 of the 6 it links to, and no more, even though 4 may be in flight\n\n${api.timeline()}\n`,
    ).toHaveLength(3);
    expect(result.pages.map((p) => p.url).sort(), "the pages are the URLs that were fetched").toEqual(api.requests.map((r) => r.url).sort());
  });

  test("crawl with maxPages 1 fetches the start page only", async () => {
    api.get("/", page(["/a"], 100));
    api.get("/a", page([], 100));
    const result = resultOf(await crawlFrom({ maxPages: 1 }));
    expect(result).toEqual({ pages: [{ url: api.url("/"), depth: 0, status: 200, links: [api.url("/a")] }], errors: [] });
    expect(api.requests.map((r) => r.path)).toEqual(["/"]);
  });
});

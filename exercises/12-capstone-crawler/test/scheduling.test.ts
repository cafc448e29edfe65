import { mockApi, points, reasonOf, useVirtualClock } from "@course/testkit";
import { beforeEach, describe, expect, test } from "vitest";
import { crawl, type CrawlOptions, type CrawlResult } from "../src/index.ts";
import { ORIGIN, refuseOtherOrigins } from "./site.ts";
import { notFoundElsewhere, page, resultOf, urlsOf } from "./support.ts";

const clock = useVirtualClock();
const api = mockApi(ORIGIN);

beforeEach(() => {
  refuseOtherOrigins();
  notFoundElsewhere(api);
});

const crawlFrom = (options: Partial<CrawlOptions> = {}) =>
  clock.settle(crawl(api.url("/"), { maxConcurrent: 2, maxDepth: 5, timeoutMs: 5000, ...options }));

describe("crawl: the concurrency limit", () => {
  test("crawl starts each link as soon as it is found and a slot is free, not level by level", points(2), async () => {
    api.get("/", page(["/a", "/b"], 100));
    api.get("/a", page([], 3000));
    api.get("/b", page(["/c", "/d"], 100));
    api.get("/c", page([], 1000));
    api.get("/d", page([], 1000));
    const outcome = await crawlFrom({ maxConcurrent: 2 });
    expect(urlsOf(resultOf(outcome))).toEqual(["/", "/a", "/b", "/c", "/d"]);
    expect(api).toHaveHadAtMostInFlight(2);
    expect(
      ["/c", "/d"].map((path) => api.requestsTo(path)[0]?.start ?? -1).sort((a, b) => a - b),
      "/b is done at 200 ms and links /c and /d, while /a (3 s) holds the other slot until 3100 ms. One of /c and /d should " +
        "start at once, in the slot /b freed (200 ms), and the other as soon as that one is done (1200 ms): a URL starts when " +
        `it is known and a slot is free, without waiting for the rest of its level\n\n${api.timeline()}\n`,
    ).toEqual([200, 1200]);
    expect(outcome).toResolveAt(3100);
  });

  test("crawl with maxConcurrent 1 fetches one URL at a time", async () => {
    api.get("/", page(["/a", "/b"], 100));
    api.get("/a", page(["/b", "/c"], 200));
    api.get("/b", page(["/"], 300));
    api.get("/c", page([], 400));
    const outcome = await crawlFrom({ maxConcurrent: 1 });
    expect(api).toHaveRunSequentially();
    expect(urlsOf(resultOf(outcome)), "the pages of the site, each once").toEqual(["/", "/a", "/b", "/c"]);
    expect(outcome).toResolveAt(1000);
  });

  test("crawl rejects with a RangeError, before any request, when maxConcurrent is not a positive integer", async () => {
    api.get("/", page([], 100));
    for (const maxConcurrent of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      let call: Promise<CrawlResult> | undefined;
      expect(
        () => (call = crawl(api.url("/"), { maxConcurrent, maxDepth: 1, timeoutMs: 1000 })),
        `crawl(…, { maxConcurrent: ${maxConcurrent} }) threw synchronously: a function that returns a promise reports bad arguments by rejecting`,
      ).not.toThrow();
      const outcome = await clock.settle(call!);
      expect(
        reasonOf(outcome, `crawl(…, { maxConcurrent: ${maxConcurrent} })`),
        `maxConcurrent: ${maxConcurrent} should be rejected with a RangeError`,
      ).toBeInstanceOf(RangeError);
    }
    expect(api.requests, "a bad maxConcurrent must be caught before any request is made").toEqual([]);
    // And a good one still works: this check is about the argument, not about refusing everything.
    expect(urlsOf(resultOf(await crawlFrom({ maxConcurrent: 1 })))).toEqual(["/"]);
  });
});

describe("crawl: the order of pages", () => {
  test("crawl returns pages sorted by depth, then by URL, not in the order they finished", async () => {
    // Four at a time, so the order they finish in is the order of their times: /beta (200 ms), /a (250 ms, found
    // on /beta, one level down), /zeta (300 ms), /alpha (500 ms). Neither that order nor its reverse is sorted.
    // All in lower case, where localeCompare agrees with code units: this test is about sorting at all, and the generated
    // site's sorting test about code units ("/Zine/" before "/blog/"), so that unsorted pages and localeCompare fail
    // different tests and npm run grade can name each mistake.
    api.get("/", page(["/zeta", "/alpha", "/beta"], 100));
    api.get("/beta", page(["/a"], 100));
    api.get("/zeta", page([], 200));
    api.get("/alpha", page([], 400));
    api.get("/a", page([], 50));
    const result = resultOf(await crawlFrom({ maxConcurrent: 4 }));
    expect(
      result.pages.map((p) => `${new URL(p.url).pathname} (depth ${p.depth})`).join(", "),
      "pages sorted by depth first (the start page, then depth 1, then /a at depth 2), and by URL within a depth, " +
        `whatever order they finished in (/, /beta, /a, /zeta, /alpha):\n\n${api.timeline()}\n`,
    ).toBe("/ (depth 0), /alpha (depth 1), /beta (depth 1), /zeta (depth 1), /a (depth 2)");
  });
});

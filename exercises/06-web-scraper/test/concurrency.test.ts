import { mockApi, points, useVirtualClock, valueOf } from "@course/testkit";
import { assert, describe, expect, test } from "vitest";
import { scrapeUrls } from "../src/index.ts";

const clock = useVirtualClock();
const api = mockApi();

/** Declares `count` routes /page-1 … /page-N that each answer after `after` ms, and returns their URLs. */
function pages(count: number, after: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const path = `/page-${i + 1}`;
    api.get(path, { text: `page ${i + 1}`, after });
    return api.url(path);
  });
}

describe("scrapeUrls: the concurrency limit", () => {
  test("scrapeUrls never has more than maxConcurrent requests in flight", points(2), async () => {
    const outcome = await clock.settle(scrapeUrls(pages(6, 1000), { maxConcurrent: 2 }));
    expect(valueOf(outcome, "scrapeUrls")).toHaveLength(6);
    expect(api).toHaveHadAtMostInFlight(2);
  });

  test(
    "scrapeUrls keeps maxConcurrent requests in flight while URLs remain: 6 URLs of 1 s with maxConcurrent 2 finish at 3 s",
    points(2),
    async () => {
      const outcome = await clock.settle(scrapeUrls(pages(6, 1000), { maxConcurrent: 2 }));
      expect(valueOf(outcome, "scrapeUrls")).toHaveLength(6);
      expect(api).toHavePeakInFlight(2);
      expect(outcome, "6 URLs of 1 s, 2 at a time, should all be done at 3 s").toResolveAt(3000);
    },
  );

  test("scrapeUrls starts the next URL as soon as a slot frees up: one slow URL does not hold the others back", points(2), async () => {
    api.get("/hang", { never: true });
    const fast = ["/fast-1", "/fast-2", "/fast-3", "/fast-4"];
    for (const path of fast) api.get(path, { text: path, after: 1000 });
    const outcome = await clock.settle(scrapeUrls([api.url("/hang"), ...fast.map(api.url)], { maxConcurrent: 2, timeoutMs: 5000 }));
    expect(valueOf(outcome, "scrapeUrls (a URL that times out is a result with success: false, never a rejection)")).toHaveLength(5);
    expect(api).toHaveHadAtMostInFlight(2);
    // Compared one by one, so that the failure names the URLs that started late and draws the timeline.
    const due = [0, 1000, 2000, 3000];
    const late = fast.flatMap((path, i) => {
      const start = api.requestsTo(path)[0]?.start;
      if (start === due[i]) return [];
      return [`${path} ${start === undefined ? "was never requested" : `started at ${start}ms`}, not at ${due[i]}ms`];
    });
    if (late.length > 0) {
      assert.fail(
        "while /hang holds one slot, the other slot should take the next URL the moment its previous one is done: " +
          `/fast-1 at 0ms, /fast-2 at 1000ms, /fast-3 at 2000ms, /fast-4 at 3000ms. Here ${late.join("; ")}.`,
      );
    }
    expect(outcome, "/hang times out at 5000ms (timeoutMs), the last URL to have its result").toResolveAt(5000);
  });

  test("scrapeUrls runs at most 10 requests at once by default, and uses all 10", async () => {
    const outcome = await clock.settle(scrapeUrls(pages(12, 1000)));
    expect(valueOf(outcome, "scrapeUrls")).toHaveLength(12);
    expect(api).toHavePeakInFlight(10);
    expect(outcome, "12 URLs of 1 s, 10 at a time, should all be done at 2 s").toResolveAt(2000);
  });
});

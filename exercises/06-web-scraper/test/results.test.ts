import { mockApi, points, useVirtualClock, valueOf } from "@course/testkit";
import { describe, expect, test } from "vitest";
import { scrapeUrls, type ScrapeResult } from "../src/index.ts";

const clock = useVirtualClock();
const api = mockApi();

describe("scrapeUrls: what each result says", () => {
  test("scrapeUrls reports any HTTP status as success, with that status and the body's length in characters", points(2), async () => {
    // Not plain ASCII on purpose: "ü", "é" and "世" take more than one byte each.
    api.get("/ok", { text: "<p>Grüße</p>", after: 100 });
    api.get("/missing", { status: 404, text: "<h1>Not found: café</h1>", after: 200 });
    api.get("/broken", { status: 500, text: "世界 is down", after: 300 });
    const urls = ["/ok", "/missing", "/broken"].map(api.url);
    const outcome = await clock.settle(scrapeUrls(urls));
    expect(
      valueOf(outcome, "scrapeUrls"),
      "a 404 or a 500 is still an answer: success: true, with its status, and contentLength = the body's length in characters (text.length, not bytes)",
    ).toEqual([
      { url: urls[0], success: true, status: 200, contentLength: 12, durationMs: 100 },
      { url: urls[1], success: true, status: 404, contentLength: 24, durationMs: 200 },
      { url: urls[2], success: true, status: 500, contentLength: 10, durationMs: 300 },
    ]);
  });

  test("scrapeUrls measures durationMs from the moment that URL's own request starts", async () => {
    api.get("/first", { text: "a", after: 1500 });
    api.get("/second", { text: "b", after: 700 });
    api.get("/third", { networkError: true, after: 300 });
    // One at a time: /second waits 1500 ms for a free slot, and that wait is not part of its request; nor is
    // /third's wait (2200 ms) part of its own, though it fails.
    const outcome = await clock.settle(scrapeUrls(["/first", "/second", "/third"].map(api.url), { maxConcurrent: 1 }));
    const durations = valueOf(outcome, "scrapeUrls").map((r) => r.durationMs);
    expect(
      durations,
      "durationMs is how long each request took on the clock (performance.now() or Date.now() before and after): " +
        "start timing a URL when its request is sent, not when scrapeUrls was called, whether it succeeds or fails",
    ).toEqual([1500, 700, 300]);
    expect(
      outcome,
      "one at a time: /second waits for /first (1500ms) and takes 700ms, then /third fails after 300ms: the call should resolve at 2500ms",
    ).toResolveAt(2500);
  });

  test("scrapeUrls returns results in input order, whatever order they complete in", points(2), async () => {
    api.get("/slow", { text: "slow", after: 3000 });
    api.get("/fast", { text: "fast", after: 1000 });
    api.get("/medium", { text: "medium", after: 2000 });
    const urls = ["/slow", "/fast", "/medium"].map(api.url);
    const outcome = await clock.settle(scrapeUrls(urls));
    expect(
      valueOf(outcome, "scrapeUrls").map((r) => r.url),
      "results belong in the order of the URLs given (store each one at its URL's index), not in the order they finished",
    ).toEqual(urls);
  });

  test("scrapeUrls calls onResult with each result as soon as it is known, in completion order", points(2), async () => {
    api.get("/slow", { text: "slow", after: 3000 });
    api.get("/fast", { text: "fast", after: 1000 });
    api.get("/medium", { text: "medium", after: 2000 });
    const calls: Array<{ path: string; at: number }> = [];
    const onResult = (result: ScrapeResult) => calls.push({ path: new URL(result.url).pathname, at: Date.now() });
    const outcome = await clock.settle(scrapeUrls(["/slow", "/fast", "/medium"].map(api.url), { onResult }));
    expect(outcome).toResolveAt(3000);
    expect(
      calls,
      "onResult should be called once per URL, at the moment its result is known (here /fast at 1000 ms, /medium at 2000, /slow at 3000), " +
        "not all together at the end",
    ).toEqual([
      { path: "/fast", at: 1000 },
      { path: "/medium", at: 2000 },
      { path: "/slow", at: 3000 },
    ]);
  });

  test("scrapeUrls of no URLs resolves to an empty list", async () => {
    const outcome = await clock.settle(scrapeUrls([]));
    expect(valueOf(outcome, "scrapeUrls")).toEqual([]);
    expect(outcome).toResolveAt(0);
  });
});

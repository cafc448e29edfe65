import { mockApi, points, reasonOf, useVirtualClock, valueOf } from "@course/testkit";
import { describe, expect, test } from "vitest";
import { scrapeUrls, type ScrapeResult } from "../src/index.ts";

const clock = useVirtualClock();
const api = mockApi();

/**
 * Four URLs, two at a time: /a is done at 1000 ms and /c takes its slot; /b
 * never answers. At 1500 ms the caller aborts: /b and /c are in flight, /d
 * has not started.
 */
async function abortMidway() {
  api.get("/a", { text: "a", after: 1000 });
  api.get("/b", { never: true });
  api.get("/c", { text: "c", after: 1000 });
  api.get("/d", { text: "d", after: 1000 });
  const controller = new AbortController();
  const reason = new Error("the user closed the report");
  const seen: string[] = [];
  const onResult = (result: ScrapeResult) => seen.push(new URL(result.url).pathname);
  // The abort is a timer on the virtual clock, so it lands at exactly 1500 ms while settle() runs the clock.
  setTimeout(() => controller.abort(reason), 1500);
  const outcome = await clock.settle(scrapeUrls(["/a", "/b", "/c", "/d"].map(api.url), { maxConcurrent: 2, signal: controller.signal, onResult }));
  await clock.advance(3000); // long enough to see anything started (or left running) after the abort
  return { outcome, reason, seen };
}

describe("scrapeUrls: the caller's signal", () => {
  test("scrapeUrls rejects with the signal's reason as soon as the signal aborts", points(2), async () => {
    const { outcome, reason } = await abortMidway();
    expect(reasonOf(outcome, "scrapeUrls, whose signal aborted at 1500ms,"), "the call should reject with signal.reason, as it is").toBe(reason);
    expect(outcome, "the signal aborted at 1500ms: the call should reject then, at once").toRejectAt(1500);
  });

  test("scrapeUrls aborts the requests in flight when the signal aborts, and starts no more", points(2), async () => {
    const { outcome } = await abortMidway();
    reasonOf(outcome, "scrapeUrls, whose signal aborted at 1500ms,");
    expect(api, "/b never answers: it should be in flight from 0ms until the signal aborts at 1500ms").toHaveAborted("/b", 1500);
    expect(
      api,
      "two at a time: /a is done at 1000ms, so /c should take its slot then, and be in flight when the signal aborts at 1500ms",
    ).toHaveAborted("/c", 1500);
    expect(api.requestsTo("/d"), "/d had not started when the signal aborted: it should never be requested").toEqual([]);
  });

  test("scrapeUrls does not call onResult for the requests the signal cut off", async () => {
    const { outcome, seen } = await abortMidway();
    reasonOf(outcome, "scrapeUrls, whose signal aborted at 1500ms,");
    const cutOff = ["/b", "/c"].filter((path) => api.requestsTo(path).some((request) => request.abortedAt !== undefined));
    expect(
      seen.filter((path) => cutOff.includes(path)),
      `onResult reports URLs that finished. ${cutOff.join(" and ")} ${cutOff.length === 1 ? "was" : "were"} cut off by ` +
        "the caller's abort: that is not a result (check signal.aborted before turning an error into a result)",
    ).toEqual([]);
    expect(
      seen,
      "two at a time, /a is the one URL that finishes before the abort (at 1000ms): onResult should have been " +
        "called for it then, as soon as its result was known, and for nothing else",
    ).toEqual(["/a"]);
  });

  test("scrapeUrls with an already-aborted signal rejects with its reason and requests nothing", async () => {
    api.get("/a", { text: "a" });
    const reason = new Error("cancelled before it began");
    const outcome = await clock.settle(scrapeUrls([api.url("/a")], { signal: AbortSignal.abort(reason) }));
    expect(reasonOf(outcome, "scrapeUrls with an already-aborted signal"), "the call should reject with signal.reason, as it is").toBe(reason);
    expect(api.requests, "the signal was already aborted: no request should be made").toEqual([]);
  });

  test("scrapeUrls rejects with a RangeError, before any request, when maxConcurrent is not a positive integer", async () => {
    api.get("/a", { text: "a" });
    for (const maxConcurrent of [0, -1, 2.5, Number.NaN]) {
      let call: Promise<ScrapeResult[]> | undefined;
      expect(
        () => (call = scrapeUrls([api.url("/a")], { maxConcurrent })),
        `scrapeUrls(…, { maxConcurrent: ${maxConcurrent} }) threw synchronously: a function that returns a promise reports bad arguments by rejecting`,
      ).not.toThrow();
      const outcome = await clock.settle(call!);
      expect(
        reasonOf(outcome, `scrapeUrls(…, { maxConcurrent: ${maxConcurrent} })`),
        `maxConcurrent: ${maxConcurrent} should be rejected with a RangeError`,
      ).toBeInstanceOf(RangeError);
    }
    expect(api.requests, "a bad maxConcurrent must be caught before any request is made").toEqual([]);
    // And a good one still works: this check is about the argument, not about refusing everything.
    expect(valueOf(await clock.settle(scrapeUrls([api.url("/a")], { maxConcurrent: 1 })))).toHaveLength(1);
  });
});

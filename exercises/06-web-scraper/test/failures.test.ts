import { mockApi, points, useVirtualClock, valueOf } from "@course/testkit";
import { describe, expect, test } from "vitest";
import { scrapeUrls } from "../src/index.ts";
import { A_MESSAGE, messageOf, serveSlowBody, withMessage } from "./helpers.ts";

const clock = useVirtualClock();
const api = mockApi();

describe("scrapeUrls: failures and timeouts", () => {
  test("scrapeUrls reports a network error as success: false with a message, and carries on with the other URLs", points(2), async () => {
    api.get("/down", { networkError: true, after: 300 });
    api.get("/ok", { text: "fine", after: 500 });
    const urls = ["/down", "/ok"].map(api.url);
    const outcome = await clock.settle(scrapeUrls(urls, { maxConcurrent: 1 }));
    const [down, ok] = valueOf(outcome);
    expect(withMessage(down), "a network error is a result, not a rejection: { url, success: false, status: null, error: <a message>, durationMs }").toEqual({
      url: urls[0],
      success: false,
      status: null,
      error: A_MESSAGE,
      durationMs: 300,
    });
    expect(messageOf(down).trim(), "the error message should say what went wrong, but it is empty").not.toBe("");
    expect(messageOf(down), "this was a network error, not a timeout: the message should not say timeout").not.toMatch(/timeout/i);
    expect(ok, "/ok comes after the failed URL: it should still be scraped, with a result as usual").toEqual({ url: urls[1], success: true, status: 200, contentLength: 4, durationMs: 500 });
    expect(outcome).toResolveAt(800);
  });

  test("scrapeUrls reports a timeout as success: false with an error that says timeout", points(2), async () => {
    api.get("/hang", { never: true });
    api.get("/ok", { text: "fine", after: 500 });
    const urls = ["/hang", "/ok"].map(api.url);
    const outcome = await clock.settle(scrapeUrls(urls, { maxConcurrent: 1, timeoutMs: 2000 }));
    const [hang, ok] = valueOf(outcome);
    expect(withMessage(hang), "a URL that gets no answer within timeoutMs is a result: { url, success: false, status: null, error: <a message>, durationMs: timeoutMs }").toEqual({
      url: urls[0],
      success: false,
      status: null,
      error: A_MESSAGE,
      durationMs: 2000,
    });
    expect(messageOf(hang), "a timeout's error message should say so: include the word \"timeout\"").toMatch(/timeout/i);
    expect(ok, "/ok comes after the timed-out URL: it should still be scraped, with a result as usual").toEqual({ url: urls[1], success: true, status: 200, contentLength: 4, durationMs: 500 });
    expect(
      api,
      "a timed-out request must be aborted: left running, it still holds a connection to the server while the next URL starts, so the limit is exceeded",
    ).toHaveHadAtMostInFlight(1);
    expect(outcome).toResolveAt(2500);
  });

  test("scrapeUrls aborts a timed-out request at exactly timeoutMs: the server sees it stop", points(2), async () => {
    api.get("/slow", { text: "too late", after: 5000 });
    const outcome = await clock.settle(scrapeUrls([api.url("/slow")], { timeoutMs: 1500 }));
    expect(outcome).toResolveAt(1500);
    await clock.advance(5000); // long enough to see whether the request was left running
    expect(api).toHaveAborted("/slow", 1500);
  });

  test("scrapeUrls times out a response whose body is still arriving at the deadline", async () => {
    // The headers come at 200 ms, but the body is only complete at 5000 ms.
    const slow = serveSlowBody(api, "/slow-body", { headersAfter: 200, bodyAfter: 5000, text: "<html>…</html>" });
    const url = api.url("/slow-body");
    const outcome = await clock.settle(scrapeUrls([url], { timeoutMs: 1000 }));
    const results = valueOf(outcome);
    await clock.advance(5000);
    expect(slow, "the timeout covers reading the body too: keep the signal on the request until the text is read").toHaveAborted("/slow-body", 1000);
    expect(results.map(withMessage), "the body was not complete by the 1000 ms deadline: that is a timeout").toEqual([
      { url, success: false, status: null, error: A_MESSAGE, durationMs: 1000 },
    ]);
    expect(messageOf(results[0]), "a timeout's error message should say so: include the word \"timeout\"").toMatch(/timeout/i);
  });

  test("scrapeUrls never rejects because of one URL: a mix of failures still resolves with every result", async () => {
    api.get("/ok", { text: "ok", after: 100 });
    api.get("/missing", { status: 404, after: 200 });
    api.get("/down", { networkError: true, after: 300 });
    api.get("/hang", { never: true });
    const outcome = await clock.settle(scrapeUrls(["/ok", "/missing", "/down", "/hang"].map(api.url), { timeoutMs: 1000 }));
    expect(outcome).toResolveAt(1000);
    expect(valueOf(outcome).map((r) => [new URL(r.url).pathname, r.success])).toEqual([
      ["/ok", true],
      ["/missing", true],
      ["/down", false],
      ["/hang", false],
    ]);
  });

  test("scrapeUrls leaves no timer running once it has resolved", async () => {
    api.get("/a", { text: "a", after: 100 });
    api.get("/b", { text: "b", after: 200 });
    const outcome = await clock.settle(scrapeUrls(["/a", "/b"].map(api.url)));
    expect(valueOf(outcome)).toHaveLength(2);
    expect(
      clock.pendingTimers(),
      "a timeout timer was left running after its request finished: clear it when the request is done " +
        "(or use AbortSignal.timeout, which needs no clearing). A forgotten timer keeps a Node program alive until it fires",
    ).toBe(0);
  });

  test("scrapeUrls times requests out after 10 000 ms by default", async () => {
    api.get("/hang", { never: true });
    const url = api.url("/hang");
    const outcome = await clock.settle(scrapeUrls([url]));
    const results = valueOf(outcome);
    expect(api).toHaveAborted("/hang", 10_000);
    expect(results.map(withMessage)).toEqual([{ url, success: false, status: null, error: A_MESSAGE, durationMs: 10_000 }]);
    expect(messageOf(results[0]), "a timeout's error message should say so: include the word \"timeout\"").toMatch(/timeout/i);
  });
});

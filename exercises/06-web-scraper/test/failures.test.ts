import { mockApi, points, serveSlowBody, useVirtualClock, valueOf } from "@course/testkit";
import { describe, expect, test } from "vitest";
import { scrapeUrls } from "../src/index.ts";
import { A_MESSAGE, expectResult, messageOf, withMessage } from "./helpers.ts";

const clock = useVirtualClock();
const api = mockApi();

/** For valueOf: what the call is, and why it should resolve. */
const SCRAPE = "scrapeUrls (a URL that fails is a result with success: false, never a rejection)";

describe("scrapeUrls: failures and timeouts", () => {
  test("scrapeUrls reports a network error as success: false with a message, and carries on with the other URLs", points(2), async () => {
    api.get("/down", { networkError: true, after: 300 });
    api.get("/ok", { text: "fine", after: 500 });
    const urls = ["/down", "/ok"].map(api.url);
    const outcome = await clock.settle(scrapeUrls(urls, { maxConcurrent: 1 }));
    const [down, ok] = valueOf(outcome, SCRAPE);
    expect(
      withMessage(down),
      "a network error is a result, not a rejection: { url, success: false, status: null, error: <a message>, durationMs }",
    ).toEqual({
      url: urls[0],
      success: false,
      status: null,
      error: A_MESSAGE,
      durationMs: 300,
    });
    expect(messageOf(down).trim(), "the error message should say what went wrong, but it is empty").not.toBe("");
    expect(messageOf(down), "this was a network error, not a timeout: the message should not say timeout").not.toMatch(/timeout/i);
    expectResult(
      ok,
      { url: urls[1]!, success: true, status: 200, contentLength: 4, durationMs: 500 },
      "/ok comes after the failed URL: it should still be scraped, with a result as usual",
      api.requestsTo("/ok")[0],
    );
    expect(outcome, "one at a time: /ok starts when /down has failed (300ms) and takes 500ms: the call should resolve at 800ms").toResolveAt(800);
  });

  test("scrapeUrls says what went wrong in a network error's message, not only fetch's \"fetch failed\"", async () => {
    api.get("/refused", { networkError: true, after: 100 });
    const [refused] = valueOf(await clock.settle(scrapeUrls([api.url("/refused")])), SCRAPE);
    const message = messageOf(refused);
    expect(refused, "a network error is a result with success: false and an error message").toMatchObject({
      success: false,
      error: expect.any(String),
    });
    expect(
      message,
      `the error message should say what happened, and "${message}" does not: fetch rejects with only "fetch failed" ` +
        `for every network error; the reason (here "connect ECONNREFUSED api.test:80", code ECONNREFUSED) is in the error's cause`,
    ).toMatch(/ECONNREFUSED/);
  });

  test("scrapeUrls reports a timeout as success: false with an error that says timeout", points(2), async () => {
    api.get("/hang", { never: true });
    api.get("/ok", { text: "fine", after: 500 });
    const urls = ["/hang", "/ok"].map(api.url);
    const outcome = await clock.settle(scrapeUrls(urls, { maxConcurrent: 1, timeoutMs: 2000 }));
    const [hang, ok] = valueOf(outcome, SCRAPE);
    expect(
      withMessage(hang),
      "a URL that gets no answer within timeoutMs is a result: { url, success: false, status: null, error: <a message>, durationMs: timeoutMs }",
    ).toEqual({
      url: urls[0],
      success: false,
      status: null,
      error: A_MESSAGE,
      durationMs: 2000,
    });
    expect(messageOf(hang), 'a timeout\'s error message should say so: include the word "timeout"').toMatch(/timeout/i);
    expectResult(
      ok,
      { url: urls[1]!, success: true, status: 200, contentLength: 4, durationMs: 500 },
      "/ok comes after the timed-out URL: it should still be scraped, with a result as usual",
      api.requestsTo("/ok")[0],
    );
    const hung = api.requestsTo("/hang")[0];
    expect(
      api,
      hung?.abortedAt === undefined
        ? "a timed-out request must be aborted: left running, it still holds a connection to the server while the next URL starts, so the limit is exceeded"
        : "with maxConcurrent: 1, only one request may be in flight at a time",
    ).toHaveHadAtMostInFlight(1);
    expect(outcome, "one at a time: /hang times out at 2000ms, then /ok takes 500ms: the call should resolve at 2500ms").toResolveAt(2500);
  });

  test("scrapeUrls aborts a timed-out request at exactly timeoutMs: the server sees it stop", points(2), async () => {
    api.get("/slow", { text: "too late", after: 5000 });
    const outcome = await clock.settle(scrapeUrls([api.url("/slow")], { timeoutMs: 1500 }));
    expect(outcome, "the request times out at 1500ms (timeoutMs): its result is known then").toResolveAt(1500);
    await clock.advance(5000); // long enough to see whether the request was left running
    expect(api).toHaveAborted("/slow", 1500);
  });

  test("scrapeUrls times out a response whose body is still arriving at the deadline", async () => {
    // The headers come at 200 ms, but the body is only complete at 5000 ms.
    const slow = serveSlowBody(api, "/slow-body", { headersAfter: 200, bodyAfter: 5000, text: "<html>…</html>" });
    const url = api.url("/slow-body");
    const outcome = await clock.settle(scrapeUrls([url], { timeoutMs: 1000 }));
    const results = valueOf(outcome, SCRAPE);
    await clock.advance(5000);
    expect(
      slow,
      "the headers come at 200ms, but the body is still arriving at the 1000ms deadline: the timeout covers reading the " +
        "body too, so the request, body and all, should be aborted then",
    ).toHaveAborted("/slow-body", 1000);
    expect(results.map(withMessage), "the body was not complete by the 1000 ms deadline: that is a timeout").toEqual([
      { url, success: false, status: null, error: A_MESSAGE, durationMs: 1000 },
    ]);
    expect(messageOf(results[0]), 'a timeout\'s error message should say so: include the word "timeout"').toMatch(/timeout/i);
  });

  test("scrapeUrls never rejects because of one URL: a mix of failures still resolves with every result", async () => {
    api.get("/ok", { text: "ok", after: 100 });
    api.get("/missing", { status: 404, after: 200 });
    api.get("/down", { networkError: true, after: 300 });
    api.get("/hang", { never: true });
    const outcome = await clock.settle(scrapeUrls(["/ok", "/missing", "/down", "/hang"].map(api.url), { timeoutMs: 1000 }));
    expect(
      outcome,
      "a URL that fails (a 404 is not even a failure) is a result with success: false, never a rejection: the call " +
        "should resolve once every URL has its result, the last when /hang times out at 1000ms",
    ).toResolveAt(1000);
    expect(valueOf(outcome, SCRAPE).map((r) => [new URL(r.url).pathname, r.success])).toEqual([
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
    expect(valueOf(outcome, "scrapeUrls")).toHaveLength(2);
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
    const results = valueOf(outcome, SCRAPE);
    expect(api).toHaveAborted("/hang", 10_000);
    expect(results.map(withMessage)).toEqual([{ url, success: false, status: null, error: A_MESSAGE, durationMs: 10_000 }]);
    expect(messageOf(results[0]), 'a timeout\'s error message should say so: include the word "timeout"').toMatch(/timeout/i);
  });
});

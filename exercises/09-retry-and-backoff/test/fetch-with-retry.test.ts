import { mockApi, points, reasonOf, renderTimeline, useVirtualClock, valueOf } from "@course/testkit";
import { describe, expect, test } from "vitest";
import { fetchWithRetry } from "../src/index.ts";
import { expectSchedule, startTimes } from "./support.ts";

const clock = useVirtualClock();
const api = mockApi();

/** The mocked server's requests (to `path` only, when given), drawn for a failure message. */
const seen = (path?: string) =>
  `\n\nWhat the server saw, on the virtual clock:\n` +
  (path === undefined ? api.timeline() : renderTimeline(api.requestsTo(path), { now: Date.now() }));

/** When the requests to `path` started, in virtual ms. */
const requestTimes = (path: string) => startTimes(api.requestsTo(path));

describe("fetchWithRetry: what it retries", () => {
  test("fetchWithRetry retries a 503 and returns the response that finally succeeds", points(2), async () => {
    api.get("/flaky", [
      { status: 503, after: 100 },
      { status: 503, after: 100 },
      { json: "at last", after: 100 },
    ]);
    const outcome = await clock.settle(fetchWithRetry(api.url("/flaky"), { baseDelayMs: 100 }));
    expectSchedule(
      requestTimes("/flaky"),
      [0, 200, 500],
      "Each answer takes 100ms. After the first 503 (at 100ms), wait baseDelayMs (100ms); after the second (at 300ms), wait 200ms.",
      seen(),
    );
    const response = valueOf(outcome, "fetchWithRetry");
    expect(response.status, "the third request succeeded: fetchWithRetry should resolve with its response").toBe(200);
    expect(valueOf(await clock.settle(response.json()), "reading the body")).toBe("at last");
    expect(outcome).toResolveAt(600);
  });

  test("fetchWithRetry retries network errors, 429, 502, 503 and 504", points(2), async () => {
    const failures = [
      ["a network error", { networkError: true }],
      ["a 429", { status: 429 }],
      ["a 502", { status: 502 }],
      ["a 503", { status: 503 }],
      ["a 504", { status: 504 }],
    ] as const;
    for (const [i, [what, reply]] of failures.entries()) {
      const path = `/flaky/${i}`;
      api.get(path, [
        { ...reply, after: 10 },
        { json: "ok", after: 10 },
      ]);
      const outcome = await clock.settle(fetchWithRetry(api.url(path), { baseDelayMs: 100 }));
      expect(api.requestsTo(path).length, `${what} is usually temporary: fetchWithRetry should send the request again${seen(path)}`).toBe(2);
      const response = valueOf(outcome, `fetchWithRetry after ${what}`);
      expect(response.status, "the retry succeeded: fetchWithRetry should return its response").toBe(200);
    }
  });

  test("fetchWithRetry returns a response not worth retrying after one request: 200, 400, 404, 500, 501", points(2), async () => {
    for (const status of [200, 400, 404, 500, 501]) {
      const path = `/status/${status}`;
      api.get(path, [
        { status, after: 10 },
        { json: "ok", after: 10 },
      ]);
      const outcome = await clock.settle(fetchWithRetry(api.url(path), { baseDelayMs: 100 }));
      await clock.advance(10_000);
      expect(
        api.requestsTo(path).length,
        status === 200
          ? `a 200 needs no retry: one request${seen(path)}`
          : `a ${status} would come back the same however often it is asked: ` +
              `only network errors, 429, 502, 503 and 504 are retried${seen(path)}`,
      ).toBe(1);
      const response = valueOf(outcome, `fetchWithRetry for a ${status}`);
      expect(response.status, `fetchWithRetry should return the ${status} response as it is`).toBe(status);
    }
  });

  test("fetchWithRetry passes init on to fetch on every attempt", async () => {
    api.post("/orders", (_request, attempt) => (attempt === 0 ? { status: 503, after: 10 } : { json: "saved", after: 10 }));
    api.get("/orders", { status: 405, after: 10 }); // a request that lost its method
    const outcome = await clock.settle(
      fetchWithRetry(api.url("/orders"), { method: "POST", headers: { "x-request-id": "abc-123" }, baseDelayMs: 100 }),
    );
    expect(
      api.requestsTo("/orders").map(({ request }) => `${request.method} x-request-id: ${request.headers.get("x-request-id")}`),
      "every attempt should be the request the caller described: pass init (method, headers…) on to fetch each time",
    ).toEqual(["POST x-request-id: abc-123", "POST x-request-id: abc-123"]);
    expect(valueOf(outcome, "fetchWithRetry").status, "the second POST succeeded: fetchWithRetry should return its response").toBe(200);
  });
});

describe("fetchWithRetry: the waits", () => {
  test("fetchWithRetry waits 500 ms, 1 s and 2 s by default: 3 retries, base 500 ms, factor 2", points(2), async () => {
    api.get("/busy", { status: 503, after: 10 });
    const outcome = await clock.settle(fetchWithRetry(api.url("/busy")));
    expectSchedule(
      requestTimes("/busy"),
      [0, 510, 1520, 3530],
      "By default: 3 retries, waiting 500ms, 1000ms, then 2000ms after each failed answer (each answer takes 10ms).",
      seen(),
    );
    expect(outcome).toResolveAt(3540);
  });

  test("fetchWithRetry returns the last response when the retries run out on a retryable status", points(2), async () => {
    api.get("/busy", (_request, attempt) => ({ status: 503, text: `busy #${attempt + 1}`, after: 10 }));
    const outcome = await clock.settle(fetchWithRetry(api.url("/busy"), { retries: 2, baseDelayMs: 100 }));
    const response = valueOf(outcome, "fetchWithRetry");
    expect(response.status, "out of retries, fetchWithRetry should resolve with the last response, 503 and all").toBe(503);
    expect(valueOf(await clock.settle(response.text()), "reading the body"), "that should be the last response (the 3rd)").toBe("busy #3");
    expect(outcome, "the 3rd answer arrives at 330ms: return it then").toResolveAt(330);
  });

  test("fetchWithRetry rejects with the last network error when the retries run out", points(2), async () => {
    api.get("/down", { networkError: true, after: 10 });
    const outcome = await clock.settle(fetchWithRetry(api.url("/down"), { retries: 2, baseDelayMs: 100 }));
    expect(reasonOf(outcome, "fetchWithRetry"), "fetchWithRetry should reject with the error fetch rejected with (a TypeError)").toBeInstanceOf(
      TypeError,
    );
    expectSchedule(requestTimes("/down"), [0, 110, 320], "retries: 2 with baseDelayMs 100: waits of 100 and 200ms.", seen());
    expect(outcome, "the 3rd request fails at 330ms: reject then").toRejectAt(330);
  });

  test("fetchWithRetry waits as long as a Retry-After header in seconds says", points(2), async () => {
    api.get("/limited", [
      { status: 503, after: 100, headers: { "retry-after": "12" } },
      { json: "ok", after: 100 },
    ]);
    const outcome = await clock.settle(fetchWithRetry(api.url("/limited"), { baseDelayMs: 100 }));
    expectSchedule(
      requestTimes("/limited"),
      [0, 12_100],
      "The 503 at 100ms says Retry-After: 12 (seconds): the next request should come 12 000ms later, instead of after baseDelayMs.",
      seen(),
    );
    expect(outcome).toResolveAt(12_200);
  });

  test("fetchWithRetry reads a Retry-After HTTP date as a moment: the wait lasts until then", points(2), async () => {
    const at4s = new Date(4000).toUTCString(); // the virtual clock, like Date, starts at 0
    api.get("/limited", [
      { status: 429, after: 1000, headers: { "retry-after": at4s } },
      { json: "ok", after: 10 },
    ]);
    const outcome = await clock.settle(fetchWithRetry(api.url("/limited"), { baseDelayMs: 100 }));
    expectSchedule(
      requestTimes("/limited"),
      [0, 4000],
      `The 429 at 1000ms says Retry-After: ${at4s}, which is 4000ms on this clock (Date.now() is 1000 then): ` +
        "the next request should come at that moment.",
      seen(),
    );
    expect(valueOf(outcome, "fetchWithRetry").status).toBe(200);
  });

  test("fetchWithRetry keeps its usual backoff when Retry-After is neither seconds nor a date", async () => {
    api.get("/odd", [
      { status: 503, after: 10, headers: { "retry-after": "5s" } },
      { status: 503, after: 10, headers: { "retry-after": "x5" } },
      { json: "ok", after: 10 },
    ]);
    const outcome = await clock.settle(fetchWithRetry(api.url("/odd"), { baseDelayMs: 100 }));
    expectSchedule(
      requestTimes("/odd"),
      [0, 110, 320],
      'Retry-After is either a number of seconds, digits only ("120"), or an HTTP date. "5s" and "x5" are neither: ' +
        "ignore them and wait as usual (baseDelayMs, then twice that), as if there were no header.",
      seen(),
    );
    expect(outcome).toResolveAt(330);
  });

  test("fetchWithRetry goes on with its usual backoff after a wait that Retry-After set", async () => {
    api.get("/limited", [
      { status: 503, after: 10, headers: { "retry-after": "2" } },
      { status: 503, after: 10 },
      { json: "ok", after: 10 },
    ]);
    await clock.settle(fetchWithRetry(api.url("/limited"), { baseDelayMs: 100 }));
    expectSchedule(
      requestTimes("/limited"),
      [0, 2010, 2220],
      "Retry-After sets one wait (2000ms). The next 503 has none, so the second wait is the usual one: baseDelayMs · 2 = 200ms.",
      seen(),
    );
  });
});

describe("fetchWithRetry: cancellation", () => {
  test("fetchWithRetry aborts the request in flight when init.signal aborts", points(2), async () => {
    api.get("/hang", { never: true });
    const controller = new AbortController();
    const reason = new Error("the user left the page");
    setTimeout(() => controller.abort(reason), 300);
    const outcome = await clock.settle(fetchWithRetry(api.url("/hang"), { signal: controller.signal }));
    // First what became of the request: a request left running is why the call cannot settle.
    expect(api).toHaveAborted("/hang", 300);
    expect(reasonOf(outcome, "fetchWithRetry"), "fetchWithRetry should reject with signal.reason itself").toBe(reason);
    expect(outcome).toRejectAt(300);
    await clock.advance(60_000);
    expect(api.requestsTo("/hang").length, `the caller gave up: no request should follow${seen()}`).toBe(1);
  });

  test("fetchWithRetry stops waiting the moment init.signal aborts, and sends no further request", points(2), async () => {
    api.get("/busy", { status: 503, after: 10 });
    const controller = new AbortController();
    const reason = new Error("the user left the page");
    setTimeout(() => controller.abort(reason), 500);
    const outcome = await clock.settle(fetchWithRetry(api.url("/busy"), { baseDelayMs: 1000, signal: controller.signal }));
    expect(outcome, "the 503 comes at 10ms and the wait would last until 1010ms; the signal aborts at 500ms: reject then").toRejectAt(500);
    expect(reasonOf(outcome, "fetchWithRetry"), "fetchWithRetry should reject with signal.reason itself").toBe(reason);
    await clock.advance(60_000);
    expect(api.requestsTo("/busy").length, `the caller gave up during the wait: no request should follow${seen()}`).toBe(1);
  });
});

describe("fetchWithRetry: bad arguments", () => {
  for (const option of ["retries", "baseDelayMs"] as const) {
    test(`fetchWithRetry rejects with a RangeError when ${option} is negative or NaN, before any request`, async () => {
      api.get("/ok", { json: "ok", after: 10 });
      for (const bad of [-1, Number.NaN]) {
        let call: Promise<Response> | undefined;
        expect(() => {
          call = fetchWithRetry(api.url("/ok"), { [option]: bad });
        }, `fetchWithRetry returns a promise: with ${option} ${bad} it should reject, not throw`).not.toThrow();
        const reason = reasonOf(await clock.settle(call!), `fetchWithRetry with ${option} ${bad}`);
        expect(reason, `${option} ${bad} is not a number >= 0: fetchWithRetry should reject with a RangeError`).toBeInstanceOf(RangeError);
        expect(api.requests.length, `with ${option} ${bad}, fetchWithRetry should reject before sending any request`).toBe(0);
      }
    });
  }
});

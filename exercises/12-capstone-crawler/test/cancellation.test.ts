import { mockApi, points, reasonOf, useVirtualClock } from "@course/testkit";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { crawl } from "../src/index.ts";
import { ORIGIN, refuseOtherOrigins } from "./site.ts";
import { abortListeners, LISTENERS_LEFT, notFoundElsewhere, page } from "./support.ts";

const clock = useVirtualClock();
const api = mockApi(ORIGIN);

beforeEach(() => {
  refuseOtherOrigins();
  notFoundElsewhere(api);
});

/**
 * Two at a time: / is done at 100 ms and links /a, /b and /c, which never
 * answer. Two of them start at 100 ms; the third waits for a slot. At 600 ms
 * the caller aborts. (retries: 2, so that an aborted request is a chance to
 * retry it, which must not be taken.)
 */
async function abortMidway() {
  const fetchCalls = recordFetchCalls();
  api.get("/", page(["/a", "/b", "/c"], 100));
  for (const path of ["/a", "/b", "/c"]) api.get(path, { never: true });
  const controller = new AbortController();
  const reason = new Error("the user pressed stop");
  // A timer on the virtual clock, so the abort lands at exactly 600 ms while settle() runs the clock.
  setTimeout(() => controller.abort(reason), 600);
  const outcome = await clock.settle(
    crawl(api.url("/"), { maxConcurrent: 2, maxDepth: 5, timeoutMs: 60_000, retries: 2, signal: controller.signal }),
  );
  await clock.advance(20_000); // long enough to see anything started (or left running) after the abort
  return { outcome, reason, controller, fetchCalls };
}

/**
 * Every call to fetch, with the virtual time it was made at. The server's log
 * misses one kind: fetch refuses an already-aborted signal at once, before any
 * request leaves, so a retry made after the abort shows only here.
 */
function recordFetchCalls(): Array<{ path: string; at: number }> {
  const calls: Array<{ path: string; at: number }> = [];
  const inner = globalThis.fetch;
  vi.stubGlobal("fetch", (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ path: new URL(input instanceof Request ? input.url : input).pathname, at: clock.now() });
    return inner(input, init);
  });
  return calls;
}

describe("crawl: the caller's signal", () => {
  test("crawl rejects with the signal's reason as soon as the signal aborts", points(2), async () => {
    const { outcome, reason } = await abortMidway();
    expect(
      reasonOf(outcome, "crawl(…)"),
      "the crawl should reject with signal.reason, as it is (not resolve with what it has, not record it as an error)",
    ).toBe(reason);
    expect(outcome).toRejectAt(600);
  });

  test("crawl aborts the requests in flight when the signal aborts, and starts nothing after", points(2), async () => {
    const { outcome, reason, fetchCalls } = await abortMidway();
    expect(reasonOf(outcome, "crawl(…)"), "the crawl should reject with signal.reason").toBe(reason);
    const inFlight = api.requests.filter((r) => r.path !== "/" && r.start < 600);
    expect(inFlight.length, `two of /a, /b and /c should have been in flight when the signal aborted\n\n${api.timeline()}\n`).toBe(2);
    for (const request of inFlight) expect(api).toHaveAborted(request.path, 600);
    expect(
      api.requests.filter((r) => r.start >= 600).map((r) => `${r.path} at ${r.start} ms`),
      `after the abort nothing new may start: neither the URL that was waiting for a slot, nor a retry of an aborted request\n\n${api.timeline()}\n`,
    ).toEqual([]);
    expect(
      fetchCalls.filter((call) => call.at >= 600).map((call) => `${call.path} at ${call.at} ms`),
      "after the abort, fetch was called again: nothing new may start, not even a retry that fetch refuses at once because its signal " +
        "has aborted (so the server never sees it). In the catch, ask signal.aborted first, and rethrow signal.reason instead of retrying. " +
        `Every call to fetch: ${fetchCalls.map((call) => `${call.path} at ${call.at} ms`).join(", ")}`,
    ).toEqual([]);
  });

  test("crawl leaves no timer and no abort listener behind when the signal aborts", async () => {
    const { outcome, reason, controller } = await abortMidway();
    expect(reasonOf(outcome, "crawl(…)"), "the crawl should reject with signal.reason").toBe(reason);
    expect(
      clock.pendingTimers(),
      "a timer was still pending 20 s after the crawl was aborted (its requests had a 60 s timeout): clear each request's timeout timer once its request is over",
    ).toBe(0);
    expect(abortListeners(controller.signal), LISTENERS_LEFT).toBe(0);
  });

  test("crawl with an already-aborted signal rejects with its reason and requests nothing", async () => {
    api.get("/", page([], 100));
    const reason = new Error("cancelled before it began");
    const outcome = await clock.settle(crawl(api.url("/"), { maxConcurrent: 2, maxDepth: 1, timeoutMs: 1000, signal: AbortSignal.abort(reason) }));
    expect(reasonOf(outcome, "crawl(…)")).toBe(reason);
    expect(api.requests, "the signal was already aborted: no request should be made").toEqual([]);
  });
});

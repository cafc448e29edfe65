import { describe, expect, test } from "vitest";
import { mockApi, useVirtualClock } from "../src/index.ts";

const clock = useVirtualClock();
const api = mockApi();

const getJson = (path: string, init?: RequestInit) => fetch(api.url(path), init).then((r) => r.json());

describe("mockApi", () => {
  test("answers JSON after a virtual delay and records start and end", async () => {
    api.get("/users/1", { json: { id: 1 }, after: 2000 });
    expect(await clock.settle(getJson("/users/1"))).toEqual({ status: "fulfilled", value: { id: 1 }, at: 2000 });
    expect(api.requests).toMatchObject([{ label: "GET /users/1", start: 0, end: 2000, status: 200, outcome: "done" }]);
  });

  test("answers text and statuses", async () => {
    api.get("/page", { text: "<html></html>", status: 404, after: 100 });
    const response = await clock.settle(fetch(api.url("/page")));
    expect(response.status === "fulfilled" && response.value.status).toBe(404);
    expect(api.requests[0]).toMatchObject({ status: 404, outcome: "failed", note: "404 at 100ms" });
  });

  test("fails a request as a network error, with a cause that says why, as Node's fetch does", async () => {
    api.get("/down", { networkError: true, after: 300 });
    const outcome = await clock.settle(fetch(api.url("/down")));
    expect(outcome).toMatchObject({ status: "rejected", at: 300 });
    const reason = (outcome as { reason: TypeError }).reason;
    expect(reason).toBeInstanceOf(TypeError);
    expect(reason.message).toBe("fetch failed");
    expect(reason.cause).toMatchObject({ message: "connect ECONNREFUSED api.test:80", code: "ECONNREFUSED" });
    expect(api.requests[0]).toMatchObject({ outcome: "failed", note: "network error at 300ms" });
  });

  test("records when a never-answering request is aborted", async () => {
    api.get("/hang", { never: true });
    const controller = new AbortController();
    const hanging = fetch(api.url("/hang"), { signal: controller.signal });
    hanging.catch(() => {});
    await clock.advance(1500);
    expect(api.requests[0]).toMatchObject({ outcome: "running" });
    controller.abort();
    expect(await clock.settle(hanging)).toMatchObject({ status: "rejected", at: 1500 });
    expect(api.requests[0]).toMatchObject({ outcome: "aborted", abortedAt: 1500, end: 1500 });
    expect(clock.pendingTimers()).toBe(0);
  });

  test("serves a list of replies in turn, the last repeating", async () => {
    api.get("/flaky", [{ status: 503 }, { json: "ok" }]);
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const outcome = await clock.settle(fetch(api.url("/flaky")));
      if (outcome.status === "fulfilled") statuses.push(outcome.value.status);
    }
    expect(statuses).toEqual([503, 200, 200]);
  });

  test("counts requests in flight", async () => {
    api.get("/a", { json: 1, after: 1000 });
    api.get("/b", { json: 2, after: 2000 });
    api.get("/c", { json: 3, after: 500 });
    await clock.settle(Promise.all([getJson("/a"), getJson("/b")]));
    await clock.settle(getJson("/c"));
    expect(api.peakInFlight()).toEqual({ peak: 2, at: 0 });
    expect(api.requestsTo("/c")).toMatchObject([{ start: 2000, end: 2500 }]);
  });

  // fetch is answered without a socket (src/http/mocked-fetch.ts): what code under test sees must be Node's fetch.
  test("rejects with the signal's reason as it is, whether it aborted before the call or while the answer was awaited", async () => {
    api.get("/slow", { json: 1, after: 1000 });
    const early = new Error("aborted before");
    expect(await clock.settle(fetch(api.url("/slow"), { signal: AbortSignal.abort(early) }))).toEqual({ status: "rejected", reason: early, at: 0 });
    const late = new Error("aborted while waiting");
    const controller = new AbortController();
    setTimeout(() => controller.abort(late), 400);
    expect(await clock.settle(fetch(api.url("/slow"), { signal: controller.signal }))).toEqual({ status: "rejected", reason: late, at: 400 });
    expect(api.requests).toMatchObject([{ outcome: "aborted", abortedAt: 400 }]);
  });

  test("answers with the request's URL and the route's headers, and hands the route the method and headers sent", async () => {
    let seen: { method: string; type: string | null } | undefined;
    api.post("/items", (request) => {
      seen = { method: request.method, type: request.headers.get("content-type") };
      return { status: 201, headers: { "x-id": "7" } };
    });
    const outcome = await clock.settle(fetch(api.url("/items?x=1"), { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }));
    const response = (outcome as { value: Response }).value;
    expect({ url: response.url, status: response.status, id: response.headers.get("x-id") }).toEqual({
      url: api.url("/items?x=1"),
      status: 201,
      id: "7",
    });
    expect(seen).toMatchObject({ method: "POST", type: "application/json" });
  });

  test("leaves a URL that is not http(s) to Node's fetch", async () => {
    const response = await fetch("data:text/plain,hello");
    expect(await response.text()).toBe("hello");
    expect(api.requests).toEqual([]);
  });

  test("starts every test with no routes and no records", () => {
    expect(api.requests).toEqual([]);
  });
});

import { mockApi, points, reasonOf, useVirtualClock, valueOf } from "@course/testkit";
import { describe, expect, test } from "vitest";
import { fetchConcurrent, HttpError } from "../src/index.ts";

const clock = useVirtualClock();
const api = mockApi();

describe("fetchConcurrent", () => {
  test("fetchConcurrent starts every request before any completes", points(2), async () => {
    api.get("/a", { json: "A", after: 1000 });
    api.get("/b", { json: "B", after: 1000 });
    api.get("/c", { json: "C", after: 1000 });
    await clock.settle(fetchConcurrent(["/a", "/b", "/c"].map(api.url)));
    expect(
      api,
      "fetchConcurrent should start all three requests before it waits for any of them (a promise is eager: " +
        "calling fetchJson(url) starts that request at once)",
    ).toHaveRunConcurrently();
  });

  test("fetchConcurrent takes as long as the slowest request: two 2 s requests finish at 2 s, not 4 s", async () => {
    api.get("/slow-1", { json: 1, after: 2000 });
    api.get("/slow-2", { json: 2, after: 2000 });
    const outcome = await clock.settle(fetchConcurrent([api.url("/slow-1"), api.url("/slow-2")]));
    expect(outcome, "together, two 2 s requests take 2 s, not 4 s").toResolveAt(2000);
  });

  test("fetchConcurrent returns results in input order, whatever order they complete in", points(2), async () => {
    api.get("/slow", { json: "slow", after: 3000 });
    api.get("/medium", { json: "medium", after: 2000 });
    api.get("/fast", { json: "fast", after: 1000 });
    const outcome = await clock.settle(fetchConcurrent(["/slow", "/medium", "/fast"].map(api.url)));
    expect(valueOf(outcome, "fetchConcurrent"), "results belong in the order of the URLs given").toEqual(["slow", "medium", "fast"]);
  });

  test("fetchConcurrent rejects with the first failure as soon as it happens", async () => {
    api.get("/ok", { json: "ok", after: 2000 });
    api.get("/fails", { status: 503, after: 500 });
    const outcome = await clock.settle(fetchConcurrent([api.url("/ok"), api.url("/fails")]));
    const reason = reasonOf(outcome, "fetchConcurrent, whose /fails answers 503,");
    expect(reason, "/fails answers 503: fetchConcurrent should reject with the HttpError fetchJson rejects with").toBeInstanceOf(HttpError);
    expect(reason).toMatchObject({ status: 503 });
    expect(outcome, "/fails answers 503 at 500ms: fetchConcurrent should reject then, without waiting for /ok").toRejectAt(500);
  });

  test("fetchConcurrent aborts the requests still in flight when one fails", points(2), async () => {
    api.get("/ok", { json: "ok", after: 2000 });
    api.get("/hangs", { never: true });
    api.get("/fails", { status: 500, after: 500 });
    await clock.settle(fetchConcurrent(["/ok", "/hangs", "/fails"].map(api.url)));
    expect(api, "/fails fails at 500ms: /ok, still in flight then, should be aborted").toHaveAborted("/ok", 500);
    expect(api, "/fails fails at 500ms: /hangs, still in flight then, should be aborted").toHaveAborted("/hangs", 500);
  });

  test("fetchConcurrent aborts every request when init.signal aborts", points(2), async () => {
    api.get("/a", { json: "A", after: 2000 });
    api.get("/b", { never: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user left the page")), 300);
    const outcome = await clock.settle(fetchConcurrent([api.url("/a"), api.url("/b")], { signal: controller.signal }));
    expect(reasonOf(outcome, "fetchConcurrent, whose signal aborted at 300ms,"), "it should reject with the signal's reason").toEqual(
      new Error("user left the page"),
    );
    expect(outcome, "the signal aborted at 300ms: fetchConcurrent should reject then").toRejectAt(300);
    expect(api, "/a and /b both start at once: /a, in flight at 300ms, should be aborted then").toHaveAborted("/a", 300);
    expect(api, "/a and /b both start at once: /b, in flight at 300ms, should be aborted then").toHaveAborted("/b", 300);
  });

  test("fetchConcurrent of no URLs resolves to an empty list", async () => {
    expect(valueOf(await clock.settle(fetchConcurrent([])), "fetchConcurrent([])")).toEqual([]);
  });
});

// Each test's virtual-time figures, left in its metadata for the grader's
// reports: read back by a later test of the file, once vitest has finished
// the test that recorded them.
import { describe, expect, test, type TestContext } from "vitest";
import { mockApi, useVirtualClock, type TestFigures } from "../src/index.ts";
import { MAX_LABEL, MAX_SPANS } from "../src/timeline/figures.ts";

const clock = useVirtualClock();
const api = mockApi();

/** The figures a finished test of this file recorded. */
function figuresOf(context: TestContext, name: string): TestFigures | undefined {
  const done = context.task.suite?.tasks.find((task) => task.name === name);
  expect(done?.result?.state, `"${name}" should have run, and passed, before this test`).toBe("pass");
  return done?.meta.figures;
}

describe("each test's figures (task.meta.figures)", () => {
  test("three requests, two at once, one aborted", async () => {
    api.get("/a", { json: 1, after: 300 });
    api.get("/b", { json: 2, after: 1000 });
    api.get("/c", { status: 500, after: 100 });
    const controller = new AbortController();
    const b = fetch(api.url("/b"), { signal: controller.signal });
    b.catch(() => {});
    setTimeout(() => controller.abort(), 500);
    await clock.settle(fetch(api.url("/a")).then(() => fetch(api.url("/c"))));
    await clock.settle(b);
    expect(api.requests).toHaveLength(3);
  });

  test("record the makespan, the peak in flight, each request's span and the aborts", (context) => {
    expect(figuresOf(context, "three requests, two at once, one aborted")).toEqual({
      makespanMs: 500,
      peakInFlight: 2,
      requests: [
        { label: "GET /b", start: 0, end: 500, outcome: "aborted", note: "aborted at 500ms" },
        { label: "GET /a", start: 0, end: 300, outcome: "done", note: "200 at 300ms" },
        { label: "GET /c", start: 300, end: 400, outcome: "failed", note: "500 at 400ms" },
      ],
      aborts: [{ at: 500, by: "caller" }],
    });
  });

  // 250 requests through msw are real CPU work: about 6 s on a loaded two-core machine (a fresh-clone CI beside other work).
  test(`${MAX_SPANS + 50} requests with long paths`, { timeout: 60_000 }, async () => {
    const path = `/${"x".repeat(120)}`;
    api.get(path, { json: 0, after: 10 });
    await clock.settle(Promise.all(Array.from({ length: MAX_SPANS + 50 }, () => fetch(api.url(path)))));
    expect(api.requests).toHaveLength(MAX_SPANS + 50);
  });

  test("keep at most MAX_SPANS requests, count the rest, and cut long labels", (context) => {
    const figures = figuresOf(context, `${MAX_SPANS + 50} requests with long paths`);
    expect(figures).toMatchObject({ makespanMs: 10, peakInFlight: MAX_SPANS + 50, requestsLeftOut: 50 });
    expect(figures?.requests).toHaveLength(MAX_SPANS);
    expect(figures?.requests?.[0]?.label).toHaveLength(MAX_LABEL);
    expect(figures?.requests?.[0]?.label.endsWith("…")).toBe(true);
  });

  test("no request at all", async () => {
    await clock.advance(250);
    expect(clock.now()).toBe(250);
  });

  test("record the virtual time alone when no request was made", (context) => {
    expect(figuresOf(context, "no request at all")).toEqual({ makespanMs: 250, peakInFlight: 0 });
  });
});

import { afterEach, describe, expect, test, vi } from "vitest";
import { mockApi, serveSlowBody, timelineMatchers, useVirtualClock } from "../src/index.ts";

expect.extend(timelineMatchers);
const clock = useVirtualClock();
const api = mockApi();
// The exercises' config puts the real fetch back after each test (unstubGlobals); the kit's does not.
afterEach(() => {
  vi.unstubAllGlobals();
});
const reply = { headersAfter: 200, bodyAfter: 1000, text: "<html>slow</html>" };

describe("serveSlowBody", () => {
  test("sends the headers after headersAfter and the whole body only at bodyAfter", async () => {
    const records = serveSlowBody(api, "/page", reply);
    const response = await clock.settle(fetch(api.url("/page")));
    expect(response).toMatchObject({ status: "fulfilled", at: 200 });
    const text = await clock.settle((response as { value: Response }).value.text());
    expect(text).toEqual({ status: "fulfilled", value: reply.text, at: 1000 });
    expect(records).toMatchObject([{ label: "GET /page", start: 0, end: 1000, outcome: "done", status: 200 }]);
  });

  test("an abort before the headers makes fetch reject with the signal's reason", async () => {
    const records = serveSlowBody(api, "/page", reply);
    const reason = new Error("gave up");
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 100);
    expect(await clock.settle(fetch(api.url("/page"), { signal: controller.signal }))).toEqual({ status: "rejected", reason, at: 100 });
    expect(records).toHaveAborted("/page", 100);
    expect(records[0]?.note).toContain("before the headers");
  });

  test("an abort after the headers makes reading the body reject with the signal's reason, and leaves no timer", async () => {
    const records = serveSlowBody(api, "/page", reply);
    const reason = new Error("too slow");
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 600);
    const response = await clock.settle(fetch(api.url("/page"), { signal: controller.signal }));
    const body = await clock.settle((response as { value: Response }).value.text());
    expect(body).toEqual({ status: "rejected", reason, at: 600 });
    expect(records).toHaveAborted("/page", 600);
    expect(clock.pendingTimers()).toBe(0);
  });

  test("leaves every other URL to the mocked API", async () => {
    api.get("/fast", { text: "fast", after: 50 });
    const records = serveSlowBody(api, "/page", reply);
    const fast = await clock.settle(fetch(api.url("/fast")).then((response) => response.text()));
    expect(fast).toEqual({ status: "fulfilled", value: "fast", at: 50 });
    expect(records).toEqual([]);
    expect(api.requestsTo("/fast")).toHaveLength(1);
  });
});

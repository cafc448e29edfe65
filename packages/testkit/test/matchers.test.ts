import { describe, expect, test } from "vitest";
import { mockApi, reasonOf, useVirtualClock, valueOf } from "../src/index.ts";

const clock = useVirtualClock();
const api = mockApi();

function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the assertion passed");
}

async function oneAfterAnother() {
  for (const path of ["/a", "/b"]) await (await fetch(api.url(path))).json();
}

describe("timeline matchers", () => {
  test("toHaveRunConcurrently passes for overlapping requests", async () => {
    api.get("/a", { json: 1, after: 1000 });
    api.get("/b", { json: 2, after: 1000 });
    await clock.settle(Promise.all([fetch(api.url("/a")), fetch(api.url("/b"))]));
    expect(api).toHaveRunConcurrently();
    expect(api).not.toHaveRunSequentially();
    expect(api).toHaveHadAtMostInFlight(2);
    expect(api).toHavePeakInFlight(2);
  });

  test("toHaveRunConcurrently explains sequential requests with a timeline", async () => {
    api.get("/a", { json: 1, after: 1000 });
    api.get("/b", { json: 2, after: 1000 });
    await clock.settle(oneAfterAnother());
    expect(api).toHaveRunSequentially();
    const message = failureOf(() => expect(api).toHaveRunConcurrently());
    expect(message).toContain("GET /b only started at 1000ms, after GET /a had finished at 1000ms");
    expect(message).toContain("What happened, on the virtual clock:");
    expect(message).toContain("GET /a     ");
    expect(message).toContain("in flight");
  });

  test("toHaveHadAtMostInFlight names the peak and when it happened", async () => {
    api.get("/a", { json: 1, after: 1000 });
    api.get("/b", { json: 2, after: 1000 });
    await clock.advance(200);
    await clock.settle(Promise.all([fetch(api.url("/a")), fetch(api.url("/b"))]));
    expect(failureOf(() => expect(api).toHaveHadAtMostInFlight(1))).toContain(
      "Expected at most 1 in flight at once, but 2 were in flight at 200ms.",
    );
    expect(failureOf(() => expect(api).toHavePeakInFlight(3))).toContain("the limit was not fully used");
  });

  test("toHaveAborted checks the abort and its time", async () => {
    api.get("/hang", { never: true });
    api.get("/fast", { json: 1, after: 10 });
    const controller = new AbortController();
    const hanging = fetch(api.url("/hang"), { signal: controller.signal }).catch(() => "aborted");
    await clock.settle(fetch(api.url("/fast")));
    await clock.advance(490);
    controller.abort();
    await clock.settle(hanging);
    expect(api).toHaveAborted("/hang", 500);
    expect(failureOf(() => expect(api).toHaveAborted("/hang", 300))).toContain(
      "Expected the request to /hang to be aborted at 300ms, but it was aborted at 500ms.",
    );
    expect(failureOf(() => expect(api).toHaveAborted("/fast"))).toContain("it ran to completion at 10ms: nothing aborted it");
    expect(failureOf(() => expect(api).toHaveAborted("/other"))).toContain("no request to /other was made");
  });

  test("matchers accept plain lists of spans", () => {
    const spans = [
      { label: "handler 1", start: 0, startSeq: 1, end: 5, endSeq: 3, outcome: "done" as const },
      { label: "handler 2", start: 1, startSeq: 2, end: 6, endSeq: 4, outcome: "done" as const },
    ];
    expect(spans).toHaveRunConcurrently();
    expect(spans).toHaveHadAtMostInFlight(2);
  });
});

describe("outcome matchers", () => {
  test("toResolveAt and toRejectAt name what happened instead", async () => {
    api.get("/a", { json: 1, after: 4000 });
    const outcome = await clock.settle(fetch(api.url("/a")));
    expect(outcome).toResolveAt(4000);
    const message = failureOf(() => expect(outcome).toResolveAt(2000));
    expect(message).toContain("Expected the call to resolve at 2000ms, but it resolved at 4000ms.");
    expect(message).toContain("GET /a");
    const rejected = await clock.settle(Promise.reject(new RangeError("bad")));
    expect(failureOf(() => expect(rejected).toResolveAt(4000))).toContain("it rejected at 4000ms with RangeError: bad");
    expect(rejected).toRejectAt(4000);
  });

  test("valueOf and reasonOf explain an outcome of the wrong kind", async () => {
    const never = await clock.settle(new Promise(() => {}));
    expect(failureOf(() => valueOf(never))).toContain("it had still not settled at 0ms");
    const resolved = await clock.settle(Promise.resolve(1));
    expect(failureOf(() => reasonOf(resolved))).toContain("Expected the call to reject, but it resolved at 0ms");
  });
});

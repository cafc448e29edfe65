import { describe, expect, test } from "vitest";
import { mockApi, reasonOf, useVirtualClock, valueOf } from "../src/index.ts";
import { countItems } from "./fixtures/src/crash.ts";
import { errorOf } from "./support/error-of.ts";

const clock = useVirtualClock();
const api = mockApi();

const failureOf = (assertion: () => void) => errorOf(assertion).message;

/** The `at …` lines of an error's stack (the message, which may quote some, left out). */
const framesOf = (error: Error) => (error.stack ?? "").split("\n").filter((line) => line.trimStart().startsWith("at "));

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
    expect(failureOf(() => expect(api).toHaveHadAtMostInFlight(1))).toContain("Expected at most 1 in flight at once, but 2 were in flight at 200ms.");
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
    const oneAfterTheOther = [spans[0]!, { ...spans[1]!, start: 5, startSeq: 5, end: 9, endSeq: 6 }];
    // They are not requests: the message does not call them so.
    expect(failureOf(() => expect(oneAfterTheOther).toHaveRunConcurrently())).toContain(
      "Expected all of them to start before any of them finished, but handler 2 only started at 5ms, after handler 1 had finished at 5ms.",
    );
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

  test("a crash in the code under test points at that code, not at the kit", async () => {
    const crashed = await clock.settle(countItems(undefined));
    const error = errorOf(() => valueOf(crashed, "countItems(undefined)"));
    expect(error.message).toBe(
      "Expected countItems(undefined) to resolve, but it rejected at 0ms with TypeError: items is not iterable.\n" +
        "Thrown by your code:\n" +
        "    src/crash.ts:7:19 in countItems",
    );
    // The reporter shows the code of the first frame: the line that threw, then the test's line, never the kit.
    const frames = framesOf(error);
    expect(frames[0]).toMatch(/at countItems \(.*test\/fixtures\/src\/crash\.ts:7:19\)$/);
    expect(frames[1]).toContain("matchers.test.ts");
    expect(frames.join("\n")).not.toContain("testkit/src/");
    expect(failureOf(() => expect(crashed).toResolveAt(0))).toContain(
      "but it rejected at 0ms with TypeError: items is not iterable.\nThrown by your code:\n    src/crash.ts:7:19 in countItems",
    );
  });

  test("a failure of the kit's own points at the test's line", async () => {
    const resolved = await clock.settle(Promise.resolve(1));
    expect(framesOf(errorOf(() => reasonOf(resolved)))[0]).toContain("matchers.test.ts");
  });
});

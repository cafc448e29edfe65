import { describe, expect, test } from "vitest";
import { mockApi, peakConcurrency, recordSpans, renderTimeline, useVirtualClock, type Span } from "../src/index.ts";
import { whatHappened } from "../src/timeline/what-happened.ts";
import { giveUpAfter } from "./fixtures/src/give-up.ts";

const span = (label: string, start: number, end: number | undefined, seq: number, outcome: Span["outcome"] = "done"): Span => ({
  label,
  start,
  startSeq: seq,
  end,
  endSeq: end === undefined ? undefined : seq + 100,
  outcome,
  note: outcome,
});

describe("renderTimeline", () => {
  test("draws one row per span, time across, and the count in flight", () => {
    const chart = renderTimeline([span("GET /a", 0, 1000, 1), span("GET /b", 1000, 2000, 2), span("GET /slow", 0, 500, 3, "aborted")], { now: 2000 });
    expect(chart).toBe(
      [
        "time (ms)  0         500       1000      1500      2000",
        "           |         |         |         |         |",
        "GET /a     ====================o                      done",
        "GET /b                         ====================o  done",
        "GET /slow  ==========x                                aborted",
        "in flight  22222222222111111111211111111111111111111",
        "= running  o done  ! failed  x aborted  > still running",
        "in flight: how many at once (. none, + more than 9)   1 column = 50ms",
      ].join("\n"),
    );
  });

  test("marks the moments abort() was called, by the caller and by the code, each glyph in the legend", () => {
    const marks = [
      { at: 300, seq: 10, by: "caller" as const },
      { at: 500, seq: 11, by: "code" as const },
      { at: 700, seq: 12, by: "caller" as const },
    ];
    const chart = renderTimeline([span("GET /a", 0, 300, 1, "aborted"), span("GET /b", 0, 500, 2, "aborted")], {
      now: 1000,
      width: 11,
      marks,
    });
    expect(chart).toBe(
      [
        "time (ms)         0         1000",
        "                  |         |",
        "GET /a            ===x         aborted",
        "GET /b            =====x       aborted",
        "caller aborts        ^   ^     at 300ms and 700ms",
        "your code aborts       ^       at 500ms",
        "in flight         222211.....",
        "= running  o done  ! failed  x aborted  > still running",
        "in flight: how many at once (. none, + more than 9)   ^ abort() called   1 column = 100ms",
      ].join("\n"),
    );
  });

  test("draws a span still running up to now", () => {
    const chart = renderTimeline([span("GET /hang", 0, undefined, 1, "running")], { now: 300, width: 10, countLabel: false });
    expect(chart.split("\n")[2]).toBe("GET /hang  ======>  running");
    expect(chart.split("\n").slice(-2)).toEqual(["= running  o done  ! failed  x aborted  > still running", "1 column = 50ms"]);
  });

  test("says so when nothing happened", () => {
    expect(renderTimeline([])).toContain("no requests were made");
  });
});

describe("peakConcurrency", () => {
  test("a span that starts as another ends (same millisecond) does not overlap it", () => {
    const a = { ...span("a", 0, 1000, 1), endSeq: 2 };
    const b = { ...span("b", 1000, 2000, 3), endSeq: 4 };
    expect(peakConcurrency([a, b])).toEqual({ peak: 1, at: 0 });
  });
});

describe("recordSpans", () => {
  const clock = useVirtualClock();

  test("records pretend jobs and hand-opened spans on the virtual clock", async () => {
    const recorder = recordSpans();
    const end = recorder.begin("handler");
    const jobs = [recorder.job("a", 100, { value: 1 }), recorder.job("b", 300, { reason: new Error("no") })];
    await clock.advance(200);
    end("failed", "gave up");
    expect(await clock.settle(Promise.allSettled(jobs))).toMatchObject({ status: "fulfilled", at: 300 });
    expect(recorder.started()).toEqual(["handler", "a", "b"]);
    expect(recorder.spans).toMatchObject([
      { label: "handler", start: 0, end: 200, outcome: "failed", note: "gave up" },
      { label: "a", start: 0, end: 100, outcome: "done", note: "resolved at 100ms" },
      { label: "b", start: 0, end: 300, outcome: "failed", note: "rejected at 300ms" },
    ]);
    expect(recorder.spans).toHaveHadAtMostInFlight(3);
    expect(recorder.timeline({ title: "The jobs:" })).toMatch(/^\n\nThe jobs:\ntime \(ms\)/);
    expect(recordSpans().timeline()).toBe("");
  });

  test("follows a call as a row that opens before the work it starts and closes when it settles, saying how", async () => {
    const recorder = recordSpans();
    const ok = recorder.follow("call", () => recorder.job("its job", 100, { value: 1 }));
    const failing = recorder.follow("failing call", () => Promise.reject(new Error("no")));
    await clock.settle(ok);
    await expect(failing).rejects.toThrow("no");
    expect(recorder.started()).toEqual(["call", "its job", "failing call"]);
    expect(recorder.spans).toMatchObject([
      { label: "call", start: 0, end: 100, outcome: "done", note: "resolved at 100ms" },
      { label: "its job", start: 0, end: 100 },
      { label: "failing call", start: 0, end: 0, outcome: "failed", note: "rejected at 0ms" },
    ]);
  });
});

describe("abort marks", () => {
  const clock = useVirtualClock();
  const api = mockApi();

  test("every timeline of the test marks when the test (the caller) called abort(), not the kit's own timeouts", async () => {
    api.get("/hang", { never: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop")), 300);
    const timeout = AbortSignal.timeout(200);
    await clock.settle(fetch(api.url("/hang"), { signal: controller.signal }).catch(() => "aborted"));
    expect(timeout.aborted).toBe(true);
    const jobs = recordSpans();
    await clock.settle(jobs.job("a job", 100, { value: 1 }));
    for (const chart of [api.timeline(), jobs.timeline(), whatHappened()]) {
      expect(chart).toMatch(/\ncaller aborts +\^ +at 300ms\n/);
      expect(chart).not.toContain("at 200ms");
    }
    expect(whatHappened()).toContain("GET /hang");
    expect(whatHappened()).toContain("a job");
  });

  test("an abort() made in the code under test is marked as the code's, not the caller's", async () => {
    api.get("/hang", { never: true });
    const controller = new AbortController();
    giveUpAfter(controller, 400);
    await clock.settle(fetch(api.url("/hang"), { signal: controller.signal }).catch(() => "aborted"));
    expect(api.timeline()).toMatch(/\nyour code aborts +\^ +at 400ms\n/);
    expect(api.timeline()).not.toContain("caller aborts");
  });

  test("starts every test with no marks and no recorders", () => {
    expect(whatHappened()).toBe("");
  });
});

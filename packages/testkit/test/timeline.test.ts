import { describe, expect, test } from "vitest";
import { peakConcurrency, renderTimeline, type Span } from "../src/index.ts";

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
    const chart = renderTimeline(
      [span("GET /a", 0, 1000, 1), span("GET /b", 1000, 2000, 2), span("GET /slow", 0, 500, 3, "aborted")],
      { now: 2000 },
    );
    expect(chart).toBe(
      [
        "time (ms)  0         500       1000      1500      2000",
        "           |         |         |         |         |",
        "GET /a     ====================o                      done",
        "GET /b                         ====================o  done",
        "GET /slow  ==========x                                aborted",
        "in flight  22222222222111111111211111111111111111111",
        "           = running  o done  ! failed  x aborted  > still running; 1 column = 50ms",
      ].join("\n"),
    );
  });

  test("draws a span still running up to now", () => {
    const chart = renderTimeline([span("GET /hang", 0, undefined, 1, "running")], { now: 300, width: 10, countLabel: false });
    expect(chart.split("\n")[2]).toBe("GET /hang  ======>  running");
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

import { now } from "../clock/now.ts";
import { abortMarks } from "./marks.ts";
import { renderTimeline, type TimelineOptions } from "./render.ts";
import { nextSeq, type Span } from "./spans.ts";

/** How a pretend job settles: with a value, or by rejecting with a reason. */
export type Ending<T> = { value: T } | { reason: unknown };

/**
 * Records work that is not an HTTP request (handler calls, tasks, jobs) as
 * spans, so the kit's matchers check it and failure messages draw it.
 */
export interface SpanRecorder {
  /** Every span so far, in start order. */
  readonly spans: Span[];
  /** How its timeline is drawn (see recordSpans). */
  readonly options: RecorderOptions;
  /** Opens a span now; call the returned function when it ends. */
  begin(label: string): (outcome?: "done" | "failed", note?: string) => void;
  /** Pretend work: settles after `ms` virtual ms as `ending` says, recorded as a span. */
  job<T>(label: string, ms: number, ending: Ending<T>): Promise<T>;
  /**
   * Draws a call of the code under test as a row of its own, from now until
   * the promise `start` returns settles, and returns that promise unchanged.
   * The row opens before `start` runs, so it stands above the work the call starts.
   */
  follow<T>(label: string, start: () => Promise<T>): Promise<T>;
  /** The labels of the spans so far, in start order. */
  started(): string[];
  /** The spans drawn for a failure message ("" when there are none to draw). */
  timeline(options?: Pick<TimelineOptions, "title" | "countLabel">): string;
}

/** How a recorder's timeline is drawn. */
export type RecorderOptions = Pick<TimelineOptions, "title" | "countLabel">;

/**
 * The recorders of the running test: a failing test draws their timelines
 * (see whatHappened()). Emptied when the next test begins.
 */
export const activeRecorders = new Set<SpanRecorder>();

/**
 * A recorder for the current test. Its spans are drawn, with the mocked APIs',
 * under every failure message of the test: a test need not add them itself.
 * `options.countLabel` names the bottom row ("in flight" by default, e.g. "tasks running").
 */
export function recordSpans(options: RecorderOptions = {}): SpanRecorder {
  const spans: Span[] = [];

  function begin(label: string) {
    const span: Span = { label, start: now(), startSeq: nextSeq(), outcome: "running", note: "still running" };
    spans.push(span);
    return (outcome: "done" | "failed" = "done", note?: string) => {
      span.end = now();
      span.endSeq = nextSeq();
      span.outcome = outcome;
      span.note = note ?? `${outcome === "done" ? "resolved" : "rejected"} at ${span.end}ms`;
    };
  }

  function job<T>(label: string, ms: number, ending: Ending<T>): Promise<T> {
    const end = begin(label);
    const promise = new Promise<T>((resolve, reject) => {
      setTimeout(() => {
        if ("value" in ending) {
          end("done");
          resolve(ending.value);
        } else {
          end("failed");
          reject(ending.reason);
        }
      }, ms);
    });
    // Handled from the start: code that attaches its handler late should fail a
    // test that explains, not crash the run with an unhandled rejection.
    promise.catch(() => {});
    return promise;
  }

  function follow<T>(label: string, start: () => Promise<T>): Promise<T> {
    const end = begin(label);
    const promise = start();
    promise.then(
      () => end("done"),
      () => end("failed"),
    );
    return promise;
  }

  const recorder: SpanRecorder = {
    spans,
    options,
    begin,
    job,
    follow,
    started: () => spans.map((span) => span.label),
    timeline: (drawing = {}) => {
      const { title, ...rest } = { ...options, ...drawing };
      return spans.length === 0
        ? ""
        : `\n\n${title ?? "What happened, on the virtual clock:"}\n${renderTimeline(spans, { now: now(), marks: abortMarks(), ...rest })}`;
    },
  };
  activeRecorders.add(recorder);
  return recorder;
}

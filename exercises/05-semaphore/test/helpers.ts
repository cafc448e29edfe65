import { recordSpans, type Span } from "@course/testkit";

/** Pretend jobs on the virtual clock, recorded as spans for the kit's matchers and timelines. */
export interface Jobs {
  /** Every job started so far, in start order. */
  readonly spans: Span[];
  /** A job that takes `ms` virtual ms, then resolves with `value`. */
  run<V>(label: string, ms: number, value: V): Promise<V>;
  /** A job that takes `ms` virtual ms, then rejects with `error`. */
  fail(label: string, ms: number, error: unknown): Promise<never>;
  /** The labels of the jobs started so far, in start order. */
  started(): string[];
  /** The timeline of the jobs, for a failure message. */
  timeline(): string;
}

export function recordJobs(): Jobs {
  const recorder = recordSpans();
  return {
    spans: recorder.spans,
    run: (label, ms, value) => recorder.job(label, ms, { value }),
    fail: (label, ms, error) => recorder.job<never>(label, ms, { reason: error }),
    started: recorder.started,
    timeline: () => recorder.timeline() || "\n\n(No job was started.)",
  };
}

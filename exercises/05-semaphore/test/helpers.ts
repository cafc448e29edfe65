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

/** What became of a promise so far, readable at any moment without awaiting it. */
export interface Watched<T> {
  readonly state: "pending" | "fulfilled" | "rejected";
  readonly value?: T;
  readonly reason?: unknown;
}

/**
 * Follows a promise without awaiting it (and so without leaving a rejection
 * unhandled), for tests that check a semaphore step by step. `onSettled`
 * runs when it settles, e.g. to record the order in which waiters got a permit.
 */
export function watch<T>(promise: Promise<T>, onSettled?: (watched: Watched<T>) => void): Watched<T> {
  const watched: { state: Watched<T>["state"]; value?: T; reason?: unknown } = { state: "pending" };
  promise.then(
    (value) => {
      Object.assign(watched, { state: "fulfilled", value });
      onSettled?.(watched);
    },
    (reason: unknown) => {
      Object.assign(watched, { state: "rejected", reason });
      onSettled?.(watched);
    },
  );
  return watched;
}

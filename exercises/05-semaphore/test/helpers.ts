import { nextSeq, renderTimeline, type Span, type VirtualClock } from "@course/testkit";

/**
 * Pretend work on the virtual clock that records when it ran, as a `Span`, so
 * that the kit's matchers (`toHavePeakInFlight`, …) can check and draw it.
 *
 * Candidate for the kit: a span recorder for work that is not an HTTP request.
 */
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

export function recordJobs(clock: VirtualClock): Jobs {
  const spans: Span[] = [];

  function job<V>(label: string, ms: number, settle: { value: V } | { error: unknown }): Promise<V> {
    const span: Span = { label, start: clock.now(), startSeq: nextSeq(), outcome: "running" };
    spans.push(span);
    return new Promise<V>((resolve, reject) => {
      setTimeout(() => {
        span.end = clock.now();
        span.endSeq = nextSeq();
        if ("error" in settle) {
          span.outcome = "failed";
          span.note = `failed at ${span.end}ms`;
          reject(settle.error);
        } else {
          span.outcome = "done";
          span.note = `done at ${span.end}ms`;
          resolve(settle.value);
        }
      }, ms);
    });
  }

  return {
    spans,
    run: (label, ms, value) => job(label, ms, { value }),
    fail: (label, ms, error) => job<never>(label, ms, { error }),
    started: () => spans.map((span) => span.label),
    timeline: () =>
      spans.length === 0
        ? "\n\n(No job was started.)"
        : `\n\nWhat happened, on the virtual clock:\n${renderTimeline(spans, { now: clock.now() })}`,
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

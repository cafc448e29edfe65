import { describeReason, nextSeq, renderTimeline, type Ending, type Span } from "@course/testkit";
import { getEventListeners } from "node:events";

/** Abort listeners still registered on `signal`. */
export const listeners = (signal: AbortSignal): number => getEventListeners(signal, "abort").length;

type TaskFn<T> = (signal: AbortSignal) => Promise<T>;

/**
 * Pretend tasks on the virtual clock, each recorded as a span so that failure
 * messages draw what ran when, with the moment each signal was aborted
 * marked `x`. The kit's `recordSpans()` cannot mark a span aborted, nor note
 * an abort that a task ignored; this can.
 *
 * Candidate for the kit: an `aborted` ending for `recordSpans().begin`, and a
 * way to mark an abort on a span that keeps running.
 */
export interface TaskRecorder {
  readonly spans: Span[];
  /**
   * A task that honours its signal, as `fetch` does: it settles after `ms` as
   * `ending` says, or, the moment its signal aborts, clears its timer and
   * rejects with `signal.reason`.
   */
  task<T>(label: string, ms: number, ending: Ending<T>): TaskFn<T>;
  /** A task that ignores its signal: it runs its full `ms` whatever happens (the abort is marked all the same). */
  stubborn<T>(label: string, ms: number, ending: Ending<T>): TaskFn<T>;
  /** A task that never settles unless its signal aborts. */
  hang(label: string): TaskFn<never>;
  /** The labels of the tasks called so far, in call order. */
  called(): string[];
  /** The signal the task `label` was called with (fails the test if it was never called). */
  signalOf(label: string): AbortSignal;
  /** When the signal of task `label` was aborted (virtual ms), or undefined if it never was. */
  abortedAt(label: string): number | undefined;
  /** Draws `promise` as a row of its own (e.g. the `withTimeout` call) and returns it unchanged. */
  follow<T>(label: string, promise: Promise<T>): Promise<T>;
  /** What happened, for a failure message. */
  timeline(): string;
}

export function recordTasks(): TaskRecorder {
  const spans: Span[] = [];
  const signals = new Map<string, AbortSignal>();
  const aborts = new Map<string, number>();

  function open(label: string): Span {
    const span: Span = { label, start: Date.now(), startSeq: nextSeq(), outcome: "running", note: "still running" };
    spans.push(span);
    return span;
  }
  function close(span: Span, outcome: Span["outcome"], note: string) {
    span.end = Date.now();
    span.endSeq = nextSeq();
    span.outcome = outcome;
    span.note = note;
  }
  const ended = (ending: Ending<unknown>) =>
    "value" in ending ? `resolved at ${Date.now()}ms` : `rejected at ${Date.now()}ms with ${describeReason(ending.reason)}`;

  /**
   * Records when the signal aborts. A task that honours its signal ends there,
   * drawn `x`; for one that ignores it, or had already finished, a row of its
   * own under the task marks the moment with an `x`.
   */
  function watchSignal(label: string, span: Span, signal: AbortSignal, ignored: boolean) {
    signals.set(label, signal);
    const mark = () => {
      aborts.set(label, Date.now());
      const finished = span.end !== undefined;
      if (!ignored && !finished) return;
      const marker: Span = { label: "  its signal", start: Date.now(), startSeq: nextSeq(), outcome: "aborted" };
      marker.end = marker.start;
      marker.endSeq = nextSeq();
      marker.note =
        `aborted at ${marker.start}ms (${describeReason(signal.reason)})` + (finished ? ", after the task had finished" : ", ignored by the task");
      spans.splice(spans.indexOf(span) + 1, 0, marker);
    };
    if (signal.aborted) mark();
    else signal.addEventListener("abort", mark, { once: true });
  }

  function task<T>(label: string, ms: number, ending: Ending<T>): TaskFn<T> {
    return (signal) => {
      const span = open(label);
      watchSignal(label, span, signal, false);
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => {
          clearTimeout(timer);
          close(span, "aborted", `aborted at ${Date.now()}ms (${describeReason(signal.reason)})`);
          reject(signal.reason);
        };
        const timer = setTimeout(() => {
          signal.removeEventListener("abort", onAbort);
          close(span, "value" in ending ? "done" : "failed", ended(ending));
          if ("value" in ending) resolve(ending.value);
          else reject(ending.reason);
        }, ms);
        if (signal.aborted) onAbort();
        else signal.addEventListener("abort", onAbort, { once: true });
      });
    };
  }

  function stubborn<T>(label: string, ms: number, ending: Ending<T>): TaskFn<T> {
    return (signal) => {
      const span = open(label);
      watchSignal(label, span, signal, true);
      return new Promise<T>((resolve, reject) => {
        setTimeout(() => {
          close(span, "value" in ending ? "done" : "failed", `${ended(ending)} (it ignores its signal)`);
          if ("value" in ending) resolve(ending.value);
          else reject(ending.reason);
        }, ms);
      });
    };
  }

  function hang(label: string): TaskFn<never> {
    return (signal) => {
      const span = open(label);
      watchSignal(label, span, signal, false);
      return new Promise<never>((_, reject) => {
        const onAbort = () => {
          close(span, "aborted", `aborted at ${Date.now()}ms (${describeReason(signal.reason)})`);
          reject(signal.reason);
        };
        if (signal.aborted) onAbort();
        else signal.addEventListener("abort", onAbort, { once: true });
      });
    };
  }

  function follow<T>(label: string, promise: Promise<T>): Promise<T> {
    const span = open(label);
    promise.then(
      () => close(span, "done", `resolved at ${Date.now()}ms`),
      (reason: unknown) => close(span, "failed", `rejected at ${Date.now()}ms with ${describeReason(reason)}`),
    );
    return promise;
  }

  return {
    spans,
    task,
    stubborn,
    hang,
    called: () => [...signals.keys()],
    signalOf(label) {
      const signal = signals.get(label);
      if (!signal) throw new Error(`The task "${label}" was never called.${timeline()}`);
      return signal;
    },
    abortedAt: (label) => aborts.get(label),
    follow,
    timeline,
  };

  function timeline(): string {
    if (spans.length === 0) return "\n\n(No task was called.)";
    return `\n\nWhat happened, on the virtual clock:\n${renderTimeline(spans, { now: Date.now(), countLabel: false })}`;
  }
}

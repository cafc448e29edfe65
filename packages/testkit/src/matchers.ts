import { now } from "./clock/now.ts";
import { chai, expect } from "vitest";
import { describeOutcome, whereItThrew } from "./clock/outcome.ts";
import type { Settled } from "./clock/virtual-clock.ts";
import { isMockApi, type MockApi, type RequestRecord } from "./http/mock-api.ts";
import { abortMarks } from "./timeline/marks.ts";
import { renderTimeline } from "./timeline/render.ts";
import { endedBefore, peakConcurrency, type Span } from "./timeline/spans.ts";
import { hasTimeline, WHAT_HAPPENED, whatHappened } from "./timeline/what-happened.ts";

/** A matcher's subject: the mocked API, or any list of spans (handler calls, tasks…). */
type Subject = MockApi | readonly Span[];

function spansOf(subject: unknown): readonly Span[] {
  if (isMockApi(subject)) return subject.requests;
  if (Array.isArray(subject)) return subject as Span[];
  throw new TypeError("expected the mocked API (from mockApi()) or a list of spans");
}

const timeline = (spans: readonly Span[], subject: unknown) =>
  `\n\n${WHAT_HAPPENED}\n${renderTimeline(spans, {
    now: now(),
    marks: abortMarks(),
    empty: isMockApi(subject) ? "no requests were made" : "none of them ever started",
  })}`;

/**
 * The message a test gave `expect(value, message)`: vitest puts it before the
 * matcher's own. When it already holds a timeline, the matcher draws none.
 */
function customMessage(state: unknown): string {
  const assertion = (state as { assertion?: object } | undefined)?.assertion;
  const message: unknown = assertion ? chai.util.flag(assertion, "message") : undefined;
  return typeof message === "string" ? message : "";
}

/** What the spans are, for messages: the mocked API's are requests; a list of spans may be tasks, handler calls… */
const nouns = (subject: unknown) =>
  isMockApi(subject)
    ? { every: "every request", many: "requests", made: "was made", oneAtATime: "one request at a time" }
    : { every: "all of them", many: "of them", made: "ran", oneAtATime: "one at a time" };

const byStart = (spans: readonly Span[]) => [...spans].sort((a, b) => a.startSeq - b.startSeq);
const endTime = (span: Span) => (span.end === undefined ? "(still running)" : `${span.end}ms`);

/** Messages are built only when needed: they may describe spans that exist only on failure. */
function result(state: unknown, subject: unknown, pass: boolean, spans: readonly Span[], ifFailed: () => string, ifNegatedFailed: () => string) {
  return {
    pass,
    message: () => (pass ? ifNegatedFailed() : ifFailed()) + (hasTimeline(customMessage(state)) ? "" : timeline(spans, subject)),
  };
}

function settledAt(state: unknown, outcome: Settled<unknown>, status: "fulfilled" | "rejected", at: number) {
  const verb = status === "fulfilled" ? "resolve" : "reject";
  const pass = outcome.status === status && outcome.at === at;
  return {
    pass,
    message: () =>
      (pass
        ? `Expected the call not to ${verb} at ${at}ms, but it did.`
        : `Expected the call to ${verb} at ${at}ms, but ${describeOutcome(outcome)}.${whereItThrew(outcome, status === "fulfilled")}`) +
      (hasTimeline(customMessage(state)) ? "" : whatHappened()),
  };
}

export const timelineMatchers = {
  /** A `clock.settle(…)` outcome resolved at exactly `at` virtual ms. */
  toResolveAt(this: unknown, outcome: Settled<unknown>, at: number) {
    return settledAt(this, outcome, "fulfilled", at);
  },

  /** A `clock.settle(…)` outcome rejected at exactly `at` virtual ms. */
  toRejectAt(this: unknown, outcome: Settled<unknown>, at: number) {
    return settledAt(this, outcome, "rejected", at);
  },

  /** Every span started before any of them finished. */
  toHaveRunConcurrently(this: unknown, subject: Subject) {
    const spans = byStart(spansOf(subject));
    const noun = nouns(subject);
    if (spans.length < 2) {
      return result(
        this,
        subject,
        false,
        spans,
        () => `Expected at least 2 ${noun.many} running together, but only ${spans.length} ${noun.made}.`,
        () => "",
      );
    }
    const finishedFirst = spans.find((s) => s.end !== undefined && spans.some((t) => endedBefore(s, t)));
    const lateStarter = finishedFirst && spans.find((t) => endedBefore(finishedFirst, t));
    return result(
      this,
      subject,
      !lateStarter,
      spans,
      () =>
        `Expected ${noun.every} to start before any of them finished, but ${lateStarter?.label} only started at ` +
        `${lateStarter?.start}ms, after ${finishedFirst?.label} had finished at ${finishedFirst?.end}ms.`,
      () => `Expected them not to overlap, but all ${spans.length} were started before any finished.`,
    );
  },

  /** Each span started only after the one before it had finished. */
  toHaveRunSequentially(this: unknown, subject: Subject) {
    const spans = byStart(spansOf(subject));
    const index = spans.findIndex((s, i) => i > 0 && !endedBefore(spans[i - 1]!, s));
    const [previous, overlapping] = [spans[index - 1], spans[index]];
    return result(
      this,
      subject,
      index === -1,
      spans,
      () =>
        `Expected ${nouns(subject).oneAtATime}, but ${overlapping?.label} started at ${overlapping?.start}ms while ` +
        `${previous?.label} was still running (it finished ${endTime(previous!)}).`,
      () => `Expected them to overlap, but they ran one after another.`,
    );
  },

  /** Never more than `limit` spans running at once. */
  toHaveHadAtMostInFlight(this: unknown, subject: Subject, limit: number) {
    const spans = spansOf(subject);
    const { peak, at } = peakConcurrency(spans, now());
    return result(
      this,
      subject,
      peak <= limit,
      spans,
      () => `Expected at most ${limit} in flight at once, but ${peak} were in flight at ${at}ms.`,
      () => `Expected more than ${limit} in flight at some point, but there were never more than ${peak}.`,
    );
  },

  /** The most spans running at once was exactly `count` (e.g. a concurrency limit fully used). */
  toHavePeakInFlight(this: unknown, subject: Subject, count: number) {
    const spans = spansOf(subject);
    const { peak, at } = peakConcurrency(spans, now());
    return result(
      this,
      subject,
      peak === count,
      spans,
      () =>
        peak < count
          ? `Expected ${count} in flight at once, but there were never more than ${peak}: the limit was not fully used.`
          : `Expected at most ${count} in flight at once, but ${peak} were in flight at ${at}ms.`,
      () => `Expected the peak in flight not to be ${count}, but it was.`,
    );
  },

  /** The request to `path` was aborted by the client (at virtual time `at`, if given). */
  toHaveAborted(this: unknown, subject: MockApi, path: string, at?: number) {
    const requests = spansOf(subject) as readonly RequestRecord[];
    const matching = requests.filter((r) => r.path === path);
    const aborted = matching.find((r) => r.abortedAt !== undefined && (at === undefined || r.abortedAt === at));
    const when = at === undefined ? "" : ` at ${at}ms`;
    const what =
      matching.length === 0
        ? `no request to ${path} was made`
        : matching
            .map((r) =>
              r.abortedAt !== undefined
                ? `it was aborted at ${r.abortedAt}ms`
                : r.end === undefined
                  ? "it was still running: nothing aborted it"
                  : `it ran to completion at ${r.end}ms: nothing aborted it`,
            )
            .join("; ");
    return result(
      this,
      subject,
      aborted !== undefined,
      requests,
      () => `Expected the request to ${path} to be aborted${when}, but ${what}.`,
      () => `Expected the request to ${path} not to be aborted${when}, but it was aborted at ${aborted?.abortedAt}ms.`,
    );
  },
};

expect.extend(timelineMatchers);

interface TimelineMatchers<R> {
  /** A `clock.settle(…)` outcome resolved at exactly `at` virtual ms. */
  toResolveAt(at: number): R;
  /** A `clock.settle(…)` outcome rejected at exactly `at` virtual ms. */
  toRejectAt(at: number): R;
  /** Every request (or span) started before any of them finished. */
  toHaveRunConcurrently(): R;
  /** Each request (or span) started only after the previous one finished. */
  toHaveRunSequentially(): R;
  /** Never more than `limit` in flight at once. */
  toHaveHadAtMostInFlight(limit: number): R;
  /** The most in flight at once was exactly `count`. */
  toHavePeakInFlight(count: number): R;
  /** The request to `path` was aborted by the client (at virtual time `at`, if given). */
  toHaveAborted(path: string, at?: number): R;
}

declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-empty-object-type -- T must match vitest's declaration; the body is empty because the interface only merges the kit's matchers into vitest's
  interface Matchers<R extends void | Promise<void> = void | Promise<void>, T = unknown> extends TimelineMatchers<R> {}
}

// The virtual-time figures of each test, left in its metadata (`task.meta.figures`)
// for reporters: the grader shows them side by side (npm run compare) and draws
// the requests as timelines in its HTML reports. Only what the kit knows anyway
// is recorded, once, when the test ends: no cost a student would notice.
import { onTestFinished, vi } from "vitest";
import { now } from "../clock/now.ts";
import { activeApis } from "../http/active-apis.ts";
import { abortMarks, type AbortedBy } from "./marks.ts";
import { peakConcurrency, type Span } from "./spans.ts";

/** One request of a test, as its figures keep it (times in virtual ms since the test began). */
export interface FigureSpan {
  label: string;
  start: number;
  /** Absent while it was still running when the test ended. */
  end?: number;
  outcome: Span["outcome"];
  note?: string;
}

/** What a test on the virtual clock and/or a mocked API did, in virtual time. */
export interface TestFigures {
  /** The clock's time when the test ended: the virtual time its work took (only on the virtual clock). */
  makespanMs?: number;
  /** The most requests in flight at once (only with a mocked API). */
  peakInFlight?: number;
  /** The requests, in the order they started: at most MAX_SPANS (only on the virtual clock). */
  requests?: FigureSpan[];
  /** How many requests were left out of `requests` past MAX_SPANS. */
  requestsLeftOut?: number;
  /** The moments something called `abort()`: at most MAX_MARKS. */
  aborts?: { at: number; by: AbortedBy }[];
}

declare module "vitest" {
  interface TaskMeta {
    /** The test's virtual-time figures (timeline/figures.ts). */
    figures?: TestFigures;
  }
}

/** Bounds, so that a test making thousands of requests keeps its metadata small. */
export const MAX_SPANS = 200;
const MAX_MARKS = 50;
export const MAX_LABEL = 80;

const short = (text: string) => (text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text);

function figureSpan(span: Span): FigureSpan {
  const kept: FigureSpan = { label: short(span.label), start: span.start, outcome: span.outcome };
  if (span.end !== undefined) kept.end = span.end;
  if (span.note) kept.note = short(span.note);
  return kept;
}

/** The current test's figures, or undefined when it used neither the virtual clock nor a mocked API. */
function currentFigures(): TestFigures | undefined {
  const virtual = vi.isFakeTimers();
  const apis = [...activeApis];
  if (!virtual && apis.length === 0) return undefined;
  const figures: TestFigures = {};
  const at = now();
  if (virtual) figures.makespanMs = at;
  if (apis.length > 0) {
    const requests = apis.flatMap((api) => api.requests).sort((a, b) => a.startSeq - b.startSeq);
    figures.peakInFlight = peakConcurrency(requests, at).peak;
    // Real times (epoch ms) would draw nothing useful: spans only on the virtual clock.
    if (virtual && requests.length > 0) {
      figures.requests = requests.slice(0, MAX_SPANS).map(figureSpan);
      if (requests.length > MAX_SPANS) figures.requestsLeftOut = requests.length - MAX_SPANS;
    }
  }
  const marks = abortMarks();
  if (virtual && marks.length > 0) figures.aborts = marks.slice(0, MAX_MARKS).map(({ at, by }) => ({ at, by }));
  return figures;
}

const recorded = new WeakSet<object>();

/**
 * Call in a `beforeEach` (the clock's and the mocked API's both do; the test's
 * figures are recorded once): when the test ends, after its afterEach hooks,
 * its figures go into `task.meta.figures`, which vitest sends to reporters.
 */
export function recordFigures(): void {
  onTestFinished(({ task }) => {
    if (recorded.has(task)) return;
    recorded.add(task);
    try {
      const figures = currentFigures();
      if (figures) task.meta.figures = figures;
    } catch {
      // The figures serve reports only: never fail a test over them (code under
      // test may have broken what they read); the test simply has none.
    }
  });
}

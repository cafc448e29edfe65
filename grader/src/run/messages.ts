import type { FigureSpan, TestFigures } from "@course/testkit";

/**
 * What the reporter inside a vitest run sends to the grader, over the child
 * process's IPC channel: student code runs in vitest's worker processes, which
 * cannot reach that channel, so it cannot forge a result.
 */
export type RunMessage =
  | { type: "collected"; tests: CollectedTest[]; file: string; error?: string }
  | { type: "start"; name: string; file: string }
  | { type: "result"; test: TestOutcome }
  | { type: "module-error"; file: string; errors: string[] }
  | { type: "end"; unhandledErrors: string[]; reason: string };

export interface CollectedTest {
  /** The test's own name, e.g. "fetchConcurrent starts every request before any completes". */
  name: string;
  /** File-relative path of the test file, e.g. "test/fetch-concurrent.test.ts". */
  file: string;
  points: number;
  /** 1-based line of the test in its file. */
  line?: number;
}

/**
 * Why a test failed, when the failure is not the test's verdict on the code
 * but a reason the run cannot be graded (end-reason.ts tells it from the test's errors).
 */
export type FailureCause = "tampering" | "exit" | "test-timeout";

export interface TestOutcome extends CollectedTest {
  state: "pass" | "fail" | "skip";
  /** The first error's message, for a failed test. */
  message?: string;
  /** For a failed test, when its errors say the run cannot be graded: tampering, process.exit, out of time. */
  cause?: FailureCause;
  durationMs: number;
  /** Its virtual-time figures, when the test kit recorded any (bounded: boundedFigures). */
  figures?: TestFigures;
}

/**
 * A test's virtual-time figures, from the test kit (`task.meta.figures`,
 * packages/testkit/src/timeline/figures.ts). Student code runs in the same
 * process as the kit and can write them: boundedFigures checks every field.
 */
export type { FigureSpan, TestFigures };

/** The bounds a test's figures are held to, whatever the worker sent. */
export const FIGURE_LIMITS = { spans: 200, aborts: 50, label: 80, note: 40, time: 1e9, count: 1e6 } as const;

const OUTCOMES = new Set(["running", "done", "failed", "aborted"]);

/** A finite number within [0, max], rounded to a thousandth, or undefined. */
function bounded(value: unknown, max: number): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= max ? Math.round(value * 1000) / 1000 : undefined;
}

const boundedCount = (value: unknown) => {
  const n = bounded(value, FIGURE_LIMITS.count);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
};

/** A string cut to `max` characters (… marks the cut), or undefined for anything else. */
function boundedText(value: unknown, max: number): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.slice(0, max + 1);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function boundedSpan(raw: unknown): FigureSpan | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const label = boundedText(r.label, FIGURE_LIMITS.label);
  const start = bounded(r.start, FIGURE_LIMITS.time);
  if (label === undefined || start === undefined || typeof r.outcome !== "string" || !OUTCOMES.has(r.outcome)) return undefined;
  const span: FigureSpan = { label, start, outcome: r.outcome as FigureSpan["outcome"] };
  const end = bounded(r.end, FIGURE_LIMITS.time);
  if (end !== undefined && end >= start) span.end = end;
  const note = boundedText(r.note, FIGURE_LIMITS.note);
  if (note) span.note = note;
  return span;
}

/**
 * A test's figures as the grader keeps them: only known fields, numbers finite
 * and in range, strings cut, lists capped; undefined when nothing is left.
 * Never throws, whatever `raw` is (it comes from the worker that ran student code).
 */
export function boundedFigures(raw: unknown): TestFigures | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const figures: TestFigures = {};
  const makespan = bounded(r.makespanMs, FIGURE_LIMITS.time);
  if (makespan !== undefined) figures.makespanMs = makespan;
  const peak = boundedCount(r.peakInFlight);
  if (peak !== undefined) figures.peakInFlight = peak;
  if (Array.isArray(r.requests)) {
    const listed = r.requests.length;
    const spans = r.requests
      .slice(0, FIGURE_LIMITS.spans)
      .map(boundedSpan)
      .filter((s) => s !== undefined);
    if (spans.length > 0) figures.requests = spans;
    const leftOut = (boundedCount(r.requestsLeftOut) ?? 0) + Math.max(0, listed - FIGURE_LIMITS.spans);
    if (leftOut > 0) figures.requestsLeftOut = Math.min(leftOut, FIGURE_LIMITS.count);
  }
  if (Array.isArray(r.aborts)) {
    const aborts = r.aborts
      .slice(0, FIGURE_LIMITS.aborts)
      .map((a: unknown) => {
        const m = (typeof a === "object" && a !== null ? a : {}) as Record<string, unknown>;
        const at = bounded(m.at, FIGURE_LIMITS.time);
        return at !== undefined && (m.by === "caller" || m.by === "code") ? { at, by: m.by as "caller" | "code" } : undefined;
      })
      .filter((a) => a !== undefined);
    if (aborts.length > 0) figures.aborts = aborts;
  }
  return Object.keys(figures).length > 0 ? figures : undefined;
}

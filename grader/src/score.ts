import { cut, MESSAGE_LIMIT } from "./cut.ts";
import type { CollectedTest, TestFigures } from "./run/messages.ts";
import type { RunResult } from "./run/run-tests.ts";

export interface TestReport {
  name: string;
  file: string;
  line?: number;
  status: "pass" | "fail";
  score: number;
  maxScore: number;
  /** Why it failed: written by the code under test as much as by the test, so cut to MESSAGE_LIMIT. */
  message?: string;
  durationMs: number;
  /** Its virtual-time figures (makespan, peak in flight, requests), when the test kit recorded them. */
  figures?: TestFigures;
}

export interface ExerciseReport {
  id: string;
  score: number;
  maxScore: number;
  /** pass: full marks; fail: graded, not full; error: could not be graded (score 0). */
  status: "pass" | "fail" | "error";
  /** For an error, what went wrong, in one line a student can act on (cut to MESSAGE_LIMIT). */
  message?: string;
  tests: TestReport[];
}

const firstLine = (text: string) => text.split("\n").find((line) => line.trim() !== "")?.trim() ?? text;

/** The words the test kit's integrity check fails a test with (packages/testkit/src/setup/integrity.ts). */
const TAMPERING = "The code under test changed the test tools";

/** A compile error's useful part: "Expected `,` but found `;` at src/x.ts:3:40". */
function describeModuleError(file: string, error: string): string {
  const parse = /\[PARSE_ERROR\]\s*(.+)/.exec(error);
  if (parse) {
    const where = /\[\s*([^\]]+?:\d+:\d+)\s*\]/.exec(error)?.[1];
    const place = where ? ` at ${where.replace(/^(\.\.\/)+/, "")}` : "";
    return `a syntax error${place}: ${parse[1]!.trim()}`;
  }
  return `${file} could not load the code under test: ${firstLine(error)}`;
}

/** Why the run could not grade the exercise, or undefined when it could. */
function errorOf(run: RunResult, limits: ScoreLimits): string | undefined {
  // Workers report in batches: a worker stuck in a loop may never have said
  // which test it was running, or even that it had loaded its tests.
  const stalled = run.runningTest ? `while running "${run.runningTest}"` : "while loading or running the tests";
  if (run.aborted === "busy") {
    return `stopped after ${seconds(limits.busyMs)} s of computing without progress ${stalled}: an infinite loop, or work far too slow`;
  }
  if (run.aborted === "idle") {
    return `stopped after ${seconds(limits.idleMs)} s without progress ${stalled}: an infinite loop, or a promise that never settles`;
  }
  if (run.aborted === "memory") {
    return `stopped ${stalled} when its processes held more than ${limits.memoryMb} MB of memory: data that only grows, or output kept without end`;
  }
  if (run.aborted === "timeout") {
    return `stopped after ${seconds(limits.timeoutMs)} s ${stalled}: the exercise took too long (an infinite loop?)`;
  }
  if (run.aborted === "crash") {
    if (run.collected.length === 0 && !run.exit) return `the test run could not start: ${firstLine(run.output)}`;
    return `the test run's process ${run.exit ?? "ended"} ${stalled}, before the run was over: code that ends the process, or a crashed worker`;
  }
  const moduleError = run.moduleErrors[0];
  if (moduleError) return describeModuleError(moduleError.file, moduleError.errors[0] ?? "");
  const messages = run.results.map((r) => r.message ?? "");
  if (messages.some((m) => m.includes(TAMPERING))) return `your code changed the test tools (expect or vi): that earns no points`;
  const exit = messages.find((m) => /process\.exit unexpectedly called/.test(m));
  if (exit) return `your code called process.exit(): ${firstLine(exit)}`;
  const timedOut = run.results.find((r) => /Test timed out in \d+ms/.test(r.message ?? ""));
  if (timedOut) return `"${timedOut.name}" did not finish within ${seconds(limits.testTimeoutMs)} s: a promise that never settles`;
  const unhandled = run.unhandledErrors[0];
  if (unhandled) return `an error escaped the tests (an unhandled rejection, or a crashed worker): ${firstLine(unhandled)}`;
  if (run.results.length === 0) return `no test ran: ${firstLine(run.output) || "the test run ended early"}`;
  return undefined;
}

const seconds = (ms: number) => Math.round(ms / 1000);

/** The limits the run was given, for the messages that name them. */
export interface ScoreLimits {
  timeoutMs: number;
  idleMs: number;
  busyMs: number;
  testTimeoutMs: number;
  memoryMb: number;
}

/**
 * A loop is caught after 8 s of CPU without progress (the slowest honest test,
 * exercise 11's typed lint, computes about 4 s at once); where the CPU cannot be
 * read, and for a run that waits on nothing, after 20 s of wall time.
 */
export const DEFAULT_LIMITS: ScoreLimits = { timeoutMs: 120_000, idleMs: 20_000, busyMs: 8_000, testTimeoutMs: 5_000, memoryMb: 1_536 };

/**
 * Scores one run against the tests the pristine exercise declares (`expected`,
 * with their points): a test the run never reported counts as failed.
 */
export function scoreRun(
  id: string,
  expected: readonly CollectedTest[],
  run: RunResult,
  limits: ScoreLimits = DEFAULT_LIMITS,
): ExerciseReport {
  const error = errorOf(run, limits);
  const key = (t: { file: string; name: string }) => `${t.file}\u0000${t.name}`;
  const outcomes = new Map(run.results.map((r) => [key(r), r]));
  const tests: TestReport[] = expected.map((test) => {
    const outcome = outcomes.get(key(test));
    const passed = outcome?.state === "pass" && !error;
    const report: TestReport = {
      name: test.name,
      file: test.file,
      status: passed ? "pass" : "fail",
      score: passed ? test.points : 0,
      maxScore: test.points,
      durationMs: outcome?.durationMs ?? 0,
    };
    if (test.line !== undefined) report.line = test.line;
    if (outcome?.figures) report.figures = outcome.figures;
    if (!passed) report.message = cut(outcome?.message ?? (error ? `not graded: ${error}` : "did not run"), MESSAGE_LIMIT);
    return report;
  });
  const score = tests.reduce((sum, t) => sum + t.score, 0);
  const maxScore = tests.reduce((sum, t) => sum + t.maxScore, 0);
  const report: ExerciseReport = { id, score, maxScore, status: error ? "error" : score === maxScore ? "pass" : "fail", tests };
  if (error) report.message = cut(error, MESSAGE_LIMIT);
  return report;
}

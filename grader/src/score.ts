import type { CollectedTest } from "./run/messages.ts";
import type { RunResult } from "./run/run-tests.ts";

export interface TestReport {
  name: string;
  file: string;
  line?: number;
  status: "pass" | "fail";
  score: number;
  maxScore: number;
  message?: string;
  durationMs: number;
}

export interface ExerciseReport {
  id: string;
  score: number;
  maxScore: number;
  /** pass: full marks; fail: graded, not full; error: could not be graded (score 0). */
  status: "pass" | "fail" | "error";
  /** For an error, what went wrong, in one line a student can act on. */
  message?: string;
  tests: TestReport[];
}

const firstLine = (text: string) => text.split("\n").find((line) => line.trim() !== "")?.trim() ?? text;

/** Why the run could not grade the exercise, or undefined when it could. */
function errorOf(run: RunResult, timeoutMs: number): string | undefined {
  if (run.aborted === "timeout") {
    return `stopped after ${Math.round(timeoutMs / 1000)} s: something never finished (an infinite loop, or a promise that never settles)`;
  }
  if (run.aborted === "crash") return `the test run could not start: ${firstLine(run.output)}`;
  const moduleError = run.moduleErrors[0];
  if (moduleError) return `${moduleError.file} could not run: ${firstLine(moduleError.errors[0] ?? "")}`;
  const unhandled = run.unhandledErrors[0];
  if (unhandled) return `an error escaped the tests (an unhandled rejection or a crash): ${firstLine(unhandled)}`;
  if (run.results.length === 0) return `no test ran: ${firstLine(run.output) || "the test run ended early"}`;
  return undefined;
}

/**
 * Scores one run against the tests the pristine exercise declares (`expected`,
 * with their points): a test the run never reported counts as failed.
 */
export function scoreRun(id: string, expected: readonly CollectedTest[], run: RunResult, timeoutMs = 60_000): ExerciseReport {
  const error = errorOf(run, timeoutMs);
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
    if (!passed) report.message = outcome?.message ?? (error ? `not graded: ${error}` : "did not run");
    return report;
  });
  const score = tests.reduce((sum, t) => sum + t.score, 0);
  const maxScore = tests.reduce((sum, t) => sum + t.maxScore, 0);
  const report: ExerciseReport = { id, score, maxScore, status: error ? "error" : score === maxScore ? "pass" : "fail", tests };
  if (error) report.message = error;
  return report;
}

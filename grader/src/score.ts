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

const firstLine = (text: string) =>
  text
    .split("\n")
    .find((line) => line.trim() !== "")
    ?.trim() ?? text;

const seconds = (ms: number) => Math.round(ms / 1000);

/**
 * Why the run could not grade the exercise, in one line a student can act on,
 * or undefined when it could: the run's end reason (run/end-reason.ts) in words.
 */
function errorOf(run: RunResult): string | undefined {
  const end = run.end;
  // Workers report in batches: a worker stuck in a loop may never have said
  // which test it was running, or even that it had loaded its tests.
  const stalled = "runningTest" in end && end.runningTest ? `while running "${end.runningTest}"` : "while loading or running the tests";
  switch (end.kind) {
    case "completed":
      return undefined;
    case "busy":
      return `stopped after ${seconds(end.limitMs)} s of computing without progress ${stalled}: an infinite loop, or work far too slow`;
    case "idle":
      return `stopped after ${seconds(end.limitMs)} s without progress ${stalled}: an infinite loop, or a promise that never settles`;
    case "memory":
      return `stopped ${stalled} when its processes held more than ${end.limitMb} MB of memory: data that only grows, or output kept without end`;
    case "timeout":
      return `stopped after ${seconds(end.limitMs)} s ${stalled}: the exercise took too long (an infinite loop?)`;
    case "not-started":
      return `the test run could not start: ${firstLine(run.output)}`;
    case "crash":
      return `the test run's process ${end.exit ?? "ended"} ${stalled}, before the run was over: code that ends the process, or a crashed worker`;
    case "module-error":
      if (end.syntax) return `a syntax error${end.syntax.at ? ` at ${end.syntax.at}` : ""}: ${end.syntax.message}`;
      return `${end.file} could not load the code under test: ${firstLine(end.error)}`;
    case "tampering":
      return `your code changed the test tools (expect or vi): that earns no points`;
    case "exit":
      return `your code called process.exit(): ${firstLine(end.message)}`;
    case "test-timeout":
      return `"${end.test}" did not finish within ${seconds(end.limitMs)} s: a promise that never settles`;
    case "unhandled":
      return `an error escaped the tests (an unhandled rejection, or a crashed worker): ${firstLine(end.error)}`;
    case "no-tests":
      return `no test ran: ${firstLine(run.output) || "the test run ended early"}`;
  }
}

/**
 * Scores one run against the tests the pristine exercise declares (`expected`,
 * with their points): a test the run never reported counts as failed.
 */
export function scoreRun(id: string, expected: readonly CollectedTest[], run: RunResult): ExerciseReport {
  const error = errorOf(run);
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

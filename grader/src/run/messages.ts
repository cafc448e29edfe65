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

export interface TestOutcome extends CollectedTest {
  state: "pass" | "fail" | "skip";
  /** The first error's message, for a failed test. */
  message?: string;
  durationMs: number;
}

// What a run of the tests tells: each test collected and each result, as the
// reporter sent them, the errors outside any test, and why the run ended.
import type { EndReason } from "./end-reason.ts";
import type { CollectedTest, TestOutcome } from "./messages.ts";

export interface RunResult {
  collected: CollectedTest[];
  results: TestOutcome[];
  /** Errors that stopped a whole test file (e.g. its import of `src/` threw). */
  moduleErrors: { file: string; errors: string[] }[];
  /** Errors raised outside any test (e.g. an unhandled rejection). */
  unhandledErrors: string[];
  /** Why the run ended (end-reason.ts): cut short by a limit or a crash, or what it reported says. */
  end: EndReason;
  /** The last lines vitest printed (for diagnosing a crash): at most OUTPUT_KEPT characters. */
  output: string;
  durationMs: number;
}

/** A run before anything is reported: no tests, no errors, completed until the runner learns otherwise. */
export const emptyRunResult = (): RunResult => ({
  collected: [],
  results: [],
  moduleErrors: [],
  unhandledErrors: [],
  end: { kind: "completed" },
  output: "",
  durationMs: 0,
});

// What a mutation run of one exercise comes to: the figures of its row in the
// summary table, and the survivors a person must deal with, each with where it
// stands and what it changed.
import path from "node:path";
import type { MutantResult } from "@stryker-mutator/api/core";
import { ERROR_MESSAGE_REASON } from "./error-messages.ts";

export interface ExerciseSummary {
  id: string;
  /** Every mutant Stryker made, ignored ones included. */
  mutants: number;
  /** Made a test fail, or ran past the time limit (an endless loop is caught too). */
  killed: number;
  /** Every test passed with it, or no test ran its code: each must be killed by a test or marked. */
  survived: number;
  /** Marked equivalent where it stands (`// Stryker disable next-line <Mutator>: why`). */
  equivalent: number;
  /** An error message's wording, excluded as a class (see error-messages.ts). */
  messages: number;
  /** Mutants that do not compile or crash the run: neither killed nor survived. */
  errors: number;
  /** killed / (killed + survived), in percent; 100 when nothing was left to kill. */
  score: number;
}

const UNMARKED: ReadonlySet<MutantResult["status"]> = new Set(["Survived", "NoCoverage"]);
const DETECTED: ReadonlySet<MutantResult["status"]> = new Set(["Killed", "Timeout"]);

/** A survivor no test kills and no comment marks. */
const isUnmarkedSurvivor = (mutant: MutantResult) => UNMARKED.has(mutant.status);

export function summarize(id: string, mutants: readonly MutantResult[]): ExerciseSummary {
  const count = (keep: (m: MutantResult) => boolean) => mutants.filter(keep).length;
  const killed = count((m) => DETECTED.has(m.status));
  const survived = count(isUnmarkedSurvivor);
  const messages = count((m) => m.status === "Ignored" && m.statusReason === ERROR_MESSAGE_REASON);
  return {
    id,
    mutants: mutants.length,
    killed,
    survived,
    equivalent: count((m) => m.status === "Ignored") - messages,
    messages,
    errors: count((m) => m.status === "CompileError" || m.status === "RuntimeError"),
    score: killed + survived === 0 ? 100 : (100 * killed) / (killed + survived),
  };
}

/** One line per unmarked survivor: where it is, what Stryker changed, and why it counts. */
export function describeSurvivors(mutants: readonly MutantResult[], root: string): string[] {
  return mutants.filter(isUnmarkedSurvivor).map((m) => {
    const where = `${path.relative(root, path.resolve(root, m.fileName))}:${m.location.start.line}:${m.location.start.column}`;
    const what = m.replacement
      .split("\n")
      .map((line) => line.trim())
      .join(" ");
    const why = m.status === "NoCoverage" ? "no test runs this code" : `every test passed (${m.testsCompleted ?? "?"} ran)`;
    return `${where}  ${m.mutatorName}: ${what.length > 60 ? `${what.slice(0, 59)}…` : what}  (${why})`;
  });
}

const COLUMNS = [
  ["exercise", (s: ExerciseSummary) => s.id],
  ["mutants", (s: ExerciseSummary) => String(s.mutants)],
  ["killed", (s: ExerciseSummary) => String(s.killed)],
  ["survived", (s: ExerciseSummary) => String(s.survived)],
  ["equivalent", (s: ExerciseSummary) => String(s.equivalent)],
  ["messages", (s: ExerciseSummary) => String(s.messages)],
  ["errors", (s: ExerciseSummary) => String(s.errors)],
  ["score", (s: ExerciseSummary) => `${s.score.toFixed(1)} %`],
] as const;

/** The summary table printed at the end of a run, one row per exercise and a total. */
export function formatTable(rows: readonly ExerciseSummary[]): string {
  const total = rows.reduce<ExerciseSummary>(
    (sum, r) => ({
      id: "total",
      mutants: sum.mutants + r.mutants,
      killed: sum.killed + r.killed,
      survived: sum.survived + r.survived,
      equivalent: sum.equivalent + r.equivalent,
      messages: sum.messages + r.messages,
      errors: sum.errors + r.errors,
      score: 0,
    }),
    { id: "total", mutants: 0, killed: 0, survived: 0, equivalent: 0, messages: 0, errors: 0, score: 0 },
  );
  total.score = total.killed + total.survived === 0 ? 100 : (100 * total.killed) / (total.killed + total.survived);
  const cells = [COLUMNS.map(([title]) => title), ...[...rows, ...(rows.length > 1 ? [total] : [])].map((r) => COLUMNS.map(([, cell]) => cell(r)))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ")).join("\n");
}

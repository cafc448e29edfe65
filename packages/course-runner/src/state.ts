// What the screen shows, as plain data: app.ts changes it, screen.ts draws it.
import type { GradedExercise } from "@course/grader/grade";
import type { Step } from "./hints.ts";
import type { KnownMistake } from "./mistakes.ts";

export interface ExerciseState {
  id: string;
  /** The last report, of this content or (while `stale`) of an earlier one. */
  report?: GradedExercise;
  /** Why the grader could not grade it at all. */
  error?: string;
  /** Its src/ changed since `report` (or it has none yet): a run is due or going. */
  stale: boolean;
}

export type HintView =
  /** The `index`-th hint (0-based) of a step. */
  | { kind: "hint"; step: Step; index: number; exhausted: boolean }
  /** The first failing test belongs to no step, or to several: HINTS.md does not say which. */
  | { kind: "no-step"; test: string; candidates: readonly Step[] }
  | { kind: "note"; text: string };

export interface ViewState {
  /** Where the course lies, to name files relative to it. */
  exercises: ExerciseState[];
  /** The exercise being worked on; undefined once every exercise has full marks. */
  current: string | undefined;
  /** The exercise being tested right now, if any. */
  testing: string | undefined;
  view: "exercise" | "list";
  /** The highlighted row of the list. */
  cursor: number;
  hint?: HintView;
  mistake?: KnownMistake;
  /** A one-line answer to the last key (e.g. why `n` did nothing). */
  notice?: string;
}

export const isFull = (exercise: ExerciseState): boolean => !exercise.stale && exercise.report !== undefined && exercise.report.status === "pass";

export function totals(exercises: readonly ExerciseState[]) {
  let score = 0;
  let maxScore = 0;
  let unknown = 0;
  for (const exercise of exercises) {
    if (exercise.report) {
      score += exercise.report.score;
      maxScore += exercise.report.maxScore;
    } else unknown++;
  }
  return { score, maxScore, unknown, done: exercises.filter(isFull).length };
}

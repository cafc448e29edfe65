// "Your mistake has a name": when the tests an exercise fails are exactly those
// a known wrong way fails, the grader names that wrong way in its report
// (gradeCourse, through grader/src/grade/known-mistakes.ts: its name and one
// line on what is wrong, never its code). The runner shows what the report says.
import type { GradedExercise } from "@course/grader/grade";

export type KnownMistake = NonNullable<GradedExercise["knownMistake"]>;

/** The known mistake an exercise's failures match, if the grader found one. */
export function mistakeOf(report: GradedExercise | undefined): KnownMistake | undefined {
  return report?.status === "fail" ? report.knownMistake : undefined;
}

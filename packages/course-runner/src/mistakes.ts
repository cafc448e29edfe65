// "Your mistake has a name": when the tests an exercise fails are exactly those
// a known wrong way fails, the grader names that wrong way
// (grader/src/grade/known-mistakes.ts). A grader without that module names
// none, and the runner works the same.
import type { GradedExercise } from "@course/grader/grade";

export interface KnownMistake {
  name: string;
  explanation: string;
}

type NameMistake = (exerciseId: string, failedTests: readonly string[], root?: string) => KnownMistake | undefined;

let named: Promise<NameMistake | undefined> | undefined;

/** The grader's knownMistake, or undefined when the grader has no such module. */
function loadKnownMistake(): Promise<NameMistake | undefined> {
  named ??= (async () => {
    const where = new URL("./known-mistakes.ts", import.meta.resolve("@course/grader/grade"));
    try {
      const module = (await import(where.href)) as { knownMistake?: unknown };
      return typeof module.knownMistake === "function" ? (module.knownMistake as NameMistake) : undefined;
    } catch (error) {
      if ((error as { code?: unknown }).code === "ERR_MODULE_NOT_FOUND") return undefined;
      throw error;
    }
  })();
  return named;
}

/** The known mistake a report's failures match, if any: as the grader's report gives it, else asked of the grader. */
export async function mistakeOf(report: GradedExercise | undefined, course: string): Promise<KnownMistake | undefined> {
  if (report?.status !== "fail") return undefined;
  const given = (report as { knownMistake?: KnownMistake }).knownMistake;
  if (given) return given;
  const knownMistake = await loadKnownMistake();
  const failed = report.tests.filter((test) => test.status === "fail").map((test) => test.name);
  return knownMistake?.(report.id, failed, course);
}

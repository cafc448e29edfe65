import { cut, MESSAGE_LIMIT } from "../cut.ts";
import type { CourseReport } from "../grade/grade.ts";

/**
 * The contract's JSON (grading.md): totals, then each exercise with its tests
 * (every test, for an exercise not started too), and the fields it adds:
 * alteredFiles, notStarted, knownMistake, typeErrorCount and typeErrors.
 * Messages are whole up to MESSAGE_LIMIT characters (scoreRun cuts them there
 * already; so does this, for a report built elsewhere).
 */
export function formatJson(report: CourseReport): string {
  const exercises = report.exercises.map((e) => ({
    id: e.id,
    score: e.score,
    maxScore: e.maxScore,
    status: e.status,
    ...(e.message === undefined ? {} : { message: cut(e.message, MESSAGE_LIMIT) }),
    ...(e.alteredFiles.length === 0 ? {} : { alteredFiles: e.alteredFiles }),
    // Not in the contract (added fields): see grade.ts.
    ...(e.notStarted ? { notStarted: true } : {}),
    ...(e.knownMistake ? { knownMistake: { name: e.knownMistake.name, explanation: e.knownMistake.explanation } } : {}),
    ...(e.typeErrors ? { typeErrorCount: e.typeErrors.count, typeErrors: e.typeErrors.errors } : {}),
    tests: e.tests.map((t) => ({
      name: t.name,
      status: t.status,
      score: t.score,
      maxScore: t.maxScore,
      ...(t.message === undefined ? {} : { message: cut(t.message, MESSAGE_LIMIT) }),
    })),
  }));
  return `${JSON.stringify({ score: report.score, maxScore: report.maxScore, exercises }, null, 2)}\n`;
}

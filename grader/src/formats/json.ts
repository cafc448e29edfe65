import type { CourseReport } from "../grade/grade.ts";

/** The contract's JSON (grading.md): totals, then each exercise with its tests. */
export function formatJson(report: CourseReport): string {
  const exercises = report.exercises.map((e) => ({
    id: e.id,
    score: e.score,
    maxScore: e.maxScore,
    status: e.status,
    ...(e.message === undefined ? {} : { message: e.message }),
    ...(e.alteredFiles.length === 0 ? {} : { alteredFiles: e.alteredFiles }),
    tests: e.tests.map((t) => ({
      name: t.name,
      status: t.status,
      score: t.score,
      maxScore: t.maxScore,
      ...(t.message === undefined ? {} : { message: t.message }),
    })),
  }));
  return `${JSON.stringify({ score: report.score, maxScore: report.maxScore, exercises }, null, 2)}\n`;
}

import type { CourseReport } from "../grade/grade.ts";
import { testPath } from "./text.ts";

/**
 * The `result` payload GitHub Classroom's grading reporter reads: base64 of a
 * version-1 JSON with `status`, `max_score` and per-test `score`s (partial
 * credit is the sum of the tests' scores). Test names carry the exercise id,
 * so they stay unique across the course.
 */
export function classroomResult(report: CourseReport) {
  const statuses = report.exercises.map((e) => e.status);
  const status = statuses.includes("error") ? "error" : statuses.every((s) => s === "pass") ? "pass" : "fail";
  return {
    version: 1,
    status,
    max_score: report.maxScore,
    tests: report.exercises.flatMap((exercise) =>
      exercise.tests.map((test) => ({
        name: `${exercise.id} › ${test.name}`,
        status: exercise.status === "error" ? "error" : test.status,
        score: test.score,
        message: test.message ?? "",
        test_code: "",
        filename: testPath(exercise.id, test.file),
        line_no: test.line ?? 0,
        execution_time: `${(test.durationMs / 1000).toFixed(3)}s`,
      })),
    ),
  };
}

export function formatClassroom(report: CourseReport): string {
  return `${Buffer.from(JSON.stringify(classroomResult(report))).toString("base64")}\n`;
}

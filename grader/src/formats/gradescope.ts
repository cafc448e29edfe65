import type { CourseReport } from "../grade/grade.ts";
import { cut } from "./text.ts";

/** Each test's output (its failure message) is cut to this many characters, as in the Markdown summary. */
export const GRADESCOPE_OUTPUT_LIMIT = 1_000;

/**
 * Gradescope's autograder `results.json`, as its specification documents it
 * (gradescope-autograders.readthedocs.io/en/latest/specs/, "Output format"):
 * a top-level `score` (the sum of the tests' scores, so it overrides nothing),
 * then one test per test of the course, named "exercise › test", numbered
 * "exercise.test" and tagged with its exercise. Everything is visible at once;
 * the autograder's stdout stays hidden (it is the instructors' debugging aid).
 * Outputs are plain text (`output_format: "text"`), so nothing the submission
 * wrote is rendered as HTML or Markdown.
 */
function gradescopeResults(report: CourseReport) {
  const tests = report.exercises.flatMap((exercise) => {
    const number = Number.parseInt(exercise.id, 10);
    return exercise.tests.map((test, index) => {
      const output = exercise.status === "error" ? `Not graded: ${exercise.message ?? "the exercise could not be graded"}` : test.message;
      return {
        name: `${exercise.id} › ${test.name}`,
        number: `${Number.isNaN(number) ? exercise.id : number}.${index + 1}`,
        score: test.score,
        max_score: test.maxScore,
        status: test.status === "pass" ? "passed" : "failed",
        ...(test.status === "pass" || output === undefined ? {} : { output: cut(output, GRADESCOPE_OUTPUT_LIMIT), output_format: "text" }),
        tags: [exercise.id],
        visibility: "visible",
      };
    });
  });
  const score = tests.reduce((sum, t) => sum + t.score, 0);
  const maxScore = tests.reduce((sum, t) => sum + t.max_score, 0);
  const errors = report.exercises.filter((e) => e.status === "error").length;
  const complete = report.exercises.filter((e) => e.status === "pass").length;
  const summary =
    `${score} / ${maxScore} points: ${complete} of ${report.exercises.length} exercises complete` +
    (errors > 0 ? `, ${errors} could not be graded` : "");
  return {
    score,
    execution_time: Math.round((report.durationMs ?? report.exercises.flatMap((e) => e.tests).reduce((ms, t) => ms + t.durationMs, 0)) / 1000),
    output: summary,
    output_format: "text",
    test_output_format: "text",
    test_name_format: "text",
    visibility: "visible",
    stdout_visibility: "hidden",
    tests,
  };
}

export function formatGradescope(report: CourseReport): string {
  return `${JSON.stringify(gradescopeResults(report), null, 2)}\n`;
}

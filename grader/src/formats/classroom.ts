import type { CourseReport } from "../grade/grade.ts";
import { cut, oneLine, testPath } from "./text.ts";

/** Each failure message is cut to at most this many characters (the reporter prints messages of errors only), on one line. */
export const CLASSROOM_MESSAGE_LIMIT = 300;

/**
 * The most the base64 payload may weigh, in characters (= bytes). A workflow
 * hands it to the reporter in an environment variable, and Linux refuses a
 * process any variable over 128 KiB (MAX_ARG_STRLEN): the step would stop
 * before the reporter starts. 100 KiB leaves room for the variable's name and
 * a margin. Without messages, the course's 267 tests take about 97 KB; what
 * is left is shared among the failing tests' messages (so, with many
 * failures, each is cut shorter than CLASSROOM_MESSAGE_LIMIT, or left out).
 * Past the budget even so (a much larger course), the test files' paths are
 * left out, then tests are merged per exercise: that keeps every score, so
 * Classroom's total never changes.
 */
export const CLASSROOM_BUDGET = 100 * 1024;

const overall = (report: CourseReport) => {
  const statuses = report.exercises.map((e) => e.status);
  return statuses.includes("error") ? "error" : statuses.every((s) => s === "pass") ? "pass" : "fail";
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(3)}s`;

/**
 * The `result` payload GitHub Classroom's grading reporter reads: base64 of a
 * version-1 JSON with `status`, `max_score` and per-test `score`s (partial
 * credit is the sum of the tests' scores). Test names carry the exercise id,
 * so they stay unique across the course.
 */
function classroomResult(report: CourseReport, messageLimit = CLASSROOM_MESSAGE_LIMIT, filenames = true) {
  return {
    version: 1,
    status: overall(report),
    max_score: report.maxScore,
    tests: report.exercises.flatMap((exercise) =>
      exercise.tests.map((test) => ({
        name: `${exercise.id} › ${test.name}`,
        status: exercise.status === "error" ? "error" : test.status,
        score: test.score,
        // On one line: the reporter prints an error's message in the job's log,
        // where a line starting with `::` would be a workflow command.
        message: oneLine(cut(test.message ?? "", messageLimit)),
        test_code: "",
        filename: filenames ? testPath(exercise.id, test.file) : "",
        line_no: test.line ?? 0,
        execution_time: seconds(test.durationMs),
      })),
    ),
  };
}

/** The last resort: one entry per exercise, its score the sum of its tests'. */
function perExercise(report: CourseReport) {
  return {
    version: 1,
    status: overall(report),
    max_score: report.maxScore,
    tests: report.exercises.map((exercise) => ({
      name: exercise.id,
      status: exercise.status,
      score: exercise.tests.reduce((sum, t) => sum + t.score, 0),
      message: "",
      test_code: "",
      filename: "",
      line_no: 0,
      execution_time: seconds(exercise.tests.reduce((ms, t) => ms + t.durationMs, 0)),
    })),
  };
}

const encode = (payload: object) => Buffer.from(JSON.stringify(payload)).toString("base64");

/** The payload, base64, within CLASSROOM_BUDGET: the longest messages that fit, at most CLASSROOM_MESSAGE_LIMIT each. */
export function formatClassroom(report: CourseReport): string {
  const bare = encode(classroomResult(report, 0));
  if (bare.length <= CLASSROOM_BUDGET) {
    const failing = report.exercises.flatMap((e) => e.tests).filter((t) => t.message).length;
    // A first guess from the room left (base64 turns 3 bytes into 4), then
    // shorter until it fits: escapes and non-ASCII characters take more bytes.
    let limit = failing === 0 ? 0 : Math.min(CLASSROOM_MESSAGE_LIMIT, Math.floor(((CLASSROOM_BUDGET - bare.length) * 3) / 4 / failing));
    while (limit > 0) {
      const payload = encode(classroomResult(report, limit));
      if (payload.length <= CLASSROOM_BUDGET) return `${payload}\n`;
      limit = limit > 20 ? Math.floor(limit * 0.8) : 0;
    }
    return `${bare}\n`;
  }
  const pathless = encode(classroomResult(report, 0, false));
  return `${pathless.length <= CLASSROOM_BUDGET ? pathless : encode(perExercise(report))}\n`;
}

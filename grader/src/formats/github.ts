import type { CourseReport } from "../grade/grade.ts";
import { oneLine } from "./text.ts";

/** Points as the reporter prints them: plain numbers. */
const points = (score: number, max: number) => `${score}/${max}`;

/**
 * What the GitHub Classroom workflow prints in its log, in place of
 * classroom-resources/autograding-grading-reporter: each exercise with its
 * points and the names of its failing tests (one "not started" line for an
 * exercise left as the stub; the known mistake they match; a count of type
 * errors), the total, then exactly the two
 * notices by which that reporter tells Classroom the score
 * (src/notify-classroom.js: `core.notice(text, { title })`). Classroom records
 * the points of the first; the total is the sum of the per-test points, as
 * the reporter's notices have it (its log's own total is weighted by test
 * count instead). Like the reporter, no notice when there is nothing to score.
 *
 * SECURITY: GitHub reads every line of a job's log that starts with `::` (or
 * `##[`) as a workflow command (set a notice, mask or stop reading commands,
 * group lines…), so nothing the submission wrote is printed here: no failure
 * message, no error, no output, no file name; those go to the Markdown step
 * summary. What is printed comes from the course (exercise ids, which are
 * folder names like 02-concurrent-requests, the pristine tests' names, points),
 * with every line break and control character replaced by a space, each on a
 * line of our own that starts, after its indentation (which the runner skips),
 * with a digit, "✗", "note", "Autograding" or "Total": never `::` or `##[`. The two
 * notices are the only commands.
 */
export function formatGithub(report: CourseReport): string {
  const width = Math.max(8, ...report.exercises.map((e) => e.id.length));
  const lines = ["Autograding: points per exercise, and the tests that failed (their messages are in the job summary)", ""];
  let total = 0;
  let max = 0;
  for (const exercise of report.exercises) {
    const score = exercise.tests.reduce((sum, t) => sum + t.score, 0);
    const most = exercise.tests.reduce((sum, t) => sum + t.maxScore, 0);
    total += score;
    max += most;
    const note = exercise.status === "error" ? "  could not be graded (why: see the job summary)" : exercise.notStarted ? "  not started" : "";
    lines.push(`  ${oneLine(exercise.id).padEnd(width)}  ${points(score, most).padStart(7)}${note}`);
    // The course's words (a wrong way's name and header), not the submission's.
    if (exercise.knownMistake)
      lines.push(
        `    note: these failures match a known mistake, ${oneLine(exercise.knownMistake.name)}: ${oneLine(exercise.knownMistake.explanation)}`,
      );
    if (exercise.status !== "error" && !exercise.notStarted)
      for (const test of exercise.tests) if (test.status === "fail") lines.push(`    ✗ ${oneLine(test.name)}`);
    // A count only: the errors quote the submission's code.
    const types = exercise.typeErrors?.count ?? 0;
    if (types > 0) lines.push(`    note: ${types} type error(s), a warning that costs no points (which: see the job summary)`);
    // A count only: the files' names are the submission's.
    const unused = exercise.alteredFiles.length;
    if (unused > 0) lines.push(`    note: ${unused} file(s) of the submission were not used as given (which: see the job summary)`);
  }
  lines.push("", `  ${"Total".padEnd(width)}  ${points(total, max).padStart(7)}`);
  if (max > 0) {
    lines.push(
      `::notice title=Autograding complete::Points ${total}/${max}`,
      `::notice title=Autograding report::${JSON.stringify({ totalPoints: total, maxPoints: max })}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

import type { CourseReport } from "../grade/grade.ts";
import { ALTERED_SHOWN, cut, describeAltered, firstLine, oneLine, truncate } from "./text.ts";

const BAR_WIDTH = 20;
/** At most this many type errors are listed per exercise (the rest are counted). */
const TYPE_ERRORS_SHOWN = 5;

function paint(color: boolean) {
  const code = (open: number) => (text: string) => (color && text ? `\u001b[${open}m${text}\u001b[0m` : text);
  return { green: code(32), red: code(31), yellow: code(33), dim: code(2), bold: code(1) };
}

/**
 * The table a person reads in a terminal: a bar per exercise, the reason for
 * each failed test (its first line, 110 characters), the known mistake the
 * failures match, type errors as a warning, the total. An exercise not
 * started is one line. What the
 * submission wrote is printed without control characters: no escape sequence
 * of its own reaches the terminal.
 */
export function formatPretty(report: CourseReport, color: boolean): string {
  const c = paint(color);
  const idWidth = Math.max(8, ...report.exercises.map((e) => e.id.length));
  const lines = [c.bold(`Grading ${report.submission}`), ""];
  for (const exercise of report.exercises) {
    const filled = exercise.maxScore === 0 ? 0 : Math.round((exercise.score / exercise.maxScore) * BAR_WIDTH);
    const tint = exercise.status === "pass" ? c.green : exercise.status === "error" ? c.yellow : c.red;
    const bar = tint("█".repeat(filled)) + c.dim("░".repeat(BAR_WIDTH - filled));
    const points = `${exercise.score}/${exercise.maxScore}`.padStart(7);
    if (exercise.notStarted) {
      // One line: every test fails on the stub, and listing them says nothing new.
      lines.push(`  ${exercise.id.padEnd(idWidth)}  ${bar} ${points}  ${c.dim("not started")}`);
    } else {
      lines.push(`  ${exercise.id.padEnd(idWidth)}  ${bar} ${points}  ${tint(exercise.status)}`);
    }
    if (exercise.status === "error") {
      lines.push(`      ${c.yellow("!")} ${oneLine(cut(exercise.message ?? "could not be graded", 300))}`);
    } else if (!exercise.notStarted) {
      if (exercise.knownMistake) {
        const { name, explanation } = exercise.knownMistake;
        lines.push(`      ${c.yellow("→")} ${c.bold("These failures match a known mistake")} (${oneLine(name)}): ${oneLine(explanation)}`);
      }
      for (const test of exercise.tests.filter((t) => t.status === "fail")) {
        lines.push(`      ${c.red("✗")} ${oneLine(test.name)}`, `        ${c.dim(truncate(oneLine(firstLine(test.message)), 110))}`);
      }
    }
    if (exercise.typeErrors) {
      const { count, errors } = exercise.typeErrors;
      lines.push(
        `      ${c.yellow("⚠")} ${count} type error${count === 1 ? "" : "s"} ${c.dim("(a warning: the score does not count them; npm test in the exercise shows them too)")}`,
      );
      for (const error of errors.slice(0, TYPE_ERRORS_SHOWN)) lines.push(`        ${c.dim(truncate(oneLine(firstLine(error)), 110))}`);
      if (count > TYPE_ERRORS_SHOWN) lines.push(`        ${c.dim(`… and ${count - TYPE_ERRORS_SHOWN} more`)}`);
    }
    for (const altered of exercise.alteredFiles.slice(0, ALTERED_SHOWN)) {
      const use = altered.change === "ignored" ? "" : "; the original was used";
      lines.push(`      ${c.dim(`note: ${describeAltered(altered, oneLine(cut(altered.file, 200)))}${use}`)}`);
    }
    if (exercise.alteredFiles.length > ALTERED_SHOWN)
      lines.push(`      ${c.dim(`note: and ${exercise.alteredFiles.length - ALTERED_SHOWN} more files`)}`);
  }
  if (report.unknownExercises.length > 0) {
    lines.push("", c.dim(`  not exercises of this course (ignored): ${report.unknownExercises.join(", ")}`));
  }
  lines.push("", c.bold(`  ${"Total".padEnd(idWidth)}  ${" ".repeat(BAR_WIDTH)} ${`${report.score}/${report.maxScore}`.padStart(7)}`), "");
  return lines.join("\n");
}

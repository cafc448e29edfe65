import { cut, MESSAGE_LIMIT } from "../cut.ts";
import type { CourseReport } from "../grade/grade.ts";
import { firstLine, testPath, truncate } from "./text.ts";

// XML 1.0 forbids most control characters, even escaped; drop them.
// eslint-disable-next-line no-control-regex -- they are exactly what is removed
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const escape = (text: string) =>
  text.replace(INVALID_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/**
 * JUnit XML, as CI systems read it: one <testsuite> per exercise, one
 * <testcase> per test, each failure with its message whole up to
 * MESSAGE_LIMIT characters (its first line, up to 200, as the attribute).
 */
export function formatJunit(report: CourseReport): string {
  const count = (pick: (e: CourseReport["exercises"][number]) => number) => report.exercises.reduce((n, e) => n + pick(e), 0);
  const failuresOf = (e: CourseReport["exercises"][number]) => (e.status === "error" ? 0 : e.tests.filter((t) => t.status === "fail").length);
  const errorsOf = (e: CourseReport["exercises"][number]) => (e.status === "error" ? e.tests.length : 0);
  const timeOf = (e: CourseReport["exercises"][number]) => e.tests.reduce((ms, t) => ms + t.durationMs, 0);
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="course" tests="${count((e) => e.tests.length)}" failures="${count(failuresOf)}" errors="${count(errorsOf)}" time="${seconds(count(timeOf))}">`,
  ];
  for (const exercise of report.exercises) {
    lines.push(
      `  <testsuite name="${escape(exercise.id)}" tests="${exercise.tests.length}" failures="${failuresOf(exercise)}" errors="${errorsOf(exercise)}" skipped="0" time="${seconds(timeOf(exercise))}">`,
      `    <properties>`,
      `      <property name="score" value="${exercise.score}"/>`,
      `      <property name="maxScore" value="${exercise.maxScore}"/>`,
      `    </properties>`,
    );
    for (const test of exercise.tests) {
      const attributes = `name="${escape(test.name)}" classname="${escape(exercise.id)}" file="${escape(testPath(exercise.id, test.file))}"${test.line === undefined ? "" : ` line="${test.line}"`} time="${seconds(test.durationMs)}"`;
      if (test.status === "pass") {
        lines.push(`    <testcase ${attributes}/>`);
        continue;
      }
      const tag = exercise.status === "error" ? "error" : "failure";
      const message = cut(test.message ?? "failed", MESSAGE_LIMIT);
      lines.push(
        `    <testcase ${attributes}>`,
        `      <${tag} message="${escape(truncate(firstLine(message), 200))}" type="${tag === "error" ? "ExerciseError" : "AssertionError"}">${escape(message)}</${tag}>`,
        `    </testcase>`,
      );
    }
    lines.push(`  </testsuite>`);
  }
  lines.push(`</testsuites>`);
  return `${lines.join("\n")}\n`;
}

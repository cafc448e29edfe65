import type { CourseReport } from "../grade/grade.ts";
import { firstLine, truncate } from "./text.ts";

/** A table cell: one line, pipes escaped. */
const cell = (text: string) => truncate(firstLine(text), 200).replace(/\|/g, "\\|");

const ICON = { pass: "✅ pass", fail: "❌ fail", error: "⚠️ error" } as const;

/** For a CI job summary (GitHub's $GITHUB_STEP_SUMMARY): a score table, then the failures. */
export function formatMarkdown(report: CourseReport): string {
  const lines = [
    `## Grade: ${report.score} / ${report.maxScore}`,
    "",
    "| Exercise | Score | Status |",
    "| --- | ---: | --- |",
    ...report.exercises.map((e) => `| ${cell(e.id)} | ${e.score} / ${e.maxScore} | ${ICON[e.status]} |`),
    `| **Total** | **${report.score} / ${report.maxScore}** | |`,
  ];
  for (const exercise of report.exercises) {
    const failed = exercise.tests.filter((t) => t.status === "fail");
    if (exercise.status === "pass" && exercise.alteredFiles.length === 0) continue;
    lines.push("", `<details><summary>${exercise.id}: ${exercise.status === "error" ? "could not be graded" : `${failed.length} failing test(s)`}</summary>`, "");
    if (exercise.message) lines.push(`**Error:** ${cell(exercise.message)}`, "");
    if (exercise.status !== "error") for (const test of failed) lines.push(`- **${cell(test.name)}**: ${cell(test.message ?? "failed")}`);
    for (const altered of exercise.alteredFiles) lines.push(`- _${altered.file} was ${altered.change} in the submission: the original was used._`);
    lines.push("", "</details>");
  }
  return `${lines.join("\n")}\n`;
}

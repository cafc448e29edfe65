import type { CourseReport } from "../grade/grade.ts";
import { ALTERED_SHOWN, cut, describeAltered, firstLine, oneLine, truncate } from "./text.ts";

/**
 * Each failure message is cut to this many characters: enough for an
 * assertion and its diff, and with the course's ~200 tests all failing, about
 * 200 KB, well under the 1 MiB GitHub accepts for a step summary.
 */
export const MARKDOWN_MESSAGE_LIMIT = 1_000;

/**
 * The most the summary may weigh, in UTF-8 bytes: half of GitHub's 1 MiB step
 * summary limit. Past it (a course far larger than ours), messages are cut
 * shorter, then left out, so the summary is always written.
 */
export const MARKDOWN_BUDGET = 512 * 1024;

/** A table cell: one line, pipes escaped. */
const cell = (text: string) => truncate(firstLine(text), 200).replace(/\|/g, "\\|");

/** Inline code that no backtick or line break in `text` can end early. */
function code(text: string): string {
  const inner = oneLine(cut(text, 200));
  const ticks = "`".repeat(Math.max(0, ...(inner.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  return `${ticks} ${inner} ${ticks}`;
}

/**
 * A message as a fenced code block, indented for a list item: the fence is
 * longer than any run of backticks in the message, so no message can close it
 * and be read as Markdown or HTML.
 */
function block(message: string, limit: number, indent: string): string[] {
  // Line breaks kept; other control characters (colour codes, a bell) as spaces.
  const text = cut(message, limit)
    .replace(/\r\n?/g, "\n")
    // eslint-disable-next-line no-control-regex -- they are exactly what is replaced
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, " ");
  const fence = "`".repeat(Math.max(3, ...(text.match(/`+/g) ?? []).map((run) => run.length + 1)));
  return [`${indent}${fence}text`, ...text.split("\n").map((line) => `${indent}${line}`), `${indent}${fence}`];
}

const ICON = { pass: "✅ pass", fail: "❌ fail", error: "⚠️ error" } as const;

/** An exercise's status in the score table: not started, and type errors, said too. */
function statusCell(exercise: CourseReport["exercises"][number]): string {
  const status = exercise.notStarted ? "➖ not started" : ICON[exercise.status];
  return exercise.typeErrors ? `${status}, ⚠️ type errors` : status;
}

function render(report: CourseReport, limit: number): string {
  const lines = [
    `## Grade: ${report.score} / ${report.maxScore}`,
    "",
    "| Exercise | Score | Status |",
    "| --- | ---: | --- |",
    ...report.exercises.map((e) => `| ${cell(e.id)} | ${e.score} / ${e.maxScore} | ${statusCell(e)} |`),
    `| **Total** | **${report.score} / ${report.maxScore}** | |`,
  ];
  for (const exercise of report.exercises) {
    const failed = exercise.tests.filter((t) => t.status === "fail");
    if ((exercise.status === "pass" || exercise.notStarted) && exercise.alteredFiles.length === 0 && !exercise.typeErrors) continue;
    const summary =
      exercise.status === "error"
        ? "could not be graded"
        : exercise.notStarted
          ? "not started"
          : exercise.status === "pass"
            ? "full marks"
            : `${failed.length} failing test(s)`;
    lines.push("", `<details><summary>${exercise.id}: ${summary}</summary>`, "");
    if (exercise.status === "error") {
      lines.push("**Error:**", "");
      if (limit > 0) lines.push(...block(exercise.message ?? "could not be graded", limit, ""), "");
    } else if (!exercise.notStarted) {
      if (exercise.knownMistake) {
        // The course's words: a wrong way's name and the first sentence of its header.
        const explanation = oneLine(exercise.knownMistake.explanation).replace(/&/g, "&amp;").replace(/</g, "&lt;");
        lines.push(`**These failures match a known mistake** (${code(exercise.knownMistake.name)}): ${explanation}`, "");
      }
      for (const test of failed) {
        lines.push(`- **${cell(test.name)}** (0 / ${test.maxScore})`);
        if (limit > 0) lines.push(...block(test.message ?? "failed", limit, "  "));
      }
    }
    if (exercise.typeErrors) {
      const { count, errors } = exercise.typeErrors;
      if (lines.at(-1) !== "") lines.push("");
      lines.push(`**${count} type error(s)**: a warning, the score does not count them.`, "");
      if (limit > 0)
        lines.push(...block(errors.join("\n") + (count > errors.length ? `\n… and ${count - errors.length} more` : ""), limit * 2, ""), "");
    }
    for (const altered of exercise.alteredFiles.slice(0, ALTERED_SHOWN)) {
      const use = altered.change === "ignored" ? "" : ": the original was used";
      lines.push(`- _${describeAltered(altered, code(altered.file))}${use}._`);
    }
    if (exercise.alteredFiles.length > ALTERED_SHOWN) lines.push(`- _and ${exercise.alteredFiles.length - ALTERED_SHOWN} more files._`);
    lines.push("", "</details>");
  }
  return `${lines.join("\n")}\n`;
}

/**
 * For a CI job summary (GitHub's $GITHUB_STEP_SUMMARY): a score table, then
 * the failures with their messages, each cut to MARKDOWN_MESSAGE_LIMIT, the
 * whole within MARKDOWN_BUDGET.
 */
export function formatMarkdown(report: CourseReport): string {
  let text = "";
  for (const limit of [MARKDOWN_MESSAGE_LIMIT, 300, 100, 0]) {
    text = render(report, limit);
    if (Buffer.byteLength(text) <= MARKDOWN_BUDGET) break;
  }
  return text;
}

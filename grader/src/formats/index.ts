import type { CourseReport } from "../grade/grade.ts";
import { formatClassroom } from "./classroom.ts";
import { formatGithub } from "./github.ts";
import { formatGradescope } from "./gradescope.ts";
import { formatJson } from "./json.ts";
import { formatJunit } from "./junit.ts";
import { formatMarkdown } from "./markdown.ts";
import { formatPretty } from "./pretty.ts";

export const FORMATS = ["pretty", "json", "classroom", "junit", "markdown", "github", "gradescope"] as const;
export type Format = (typeof FORMATS)[number];

interface FormatOptions {
  /** ANSI colours (pretty only): on for a terminal, off when piped or written to a file. */
  color: boolean;
}

export function formatReport(report: CourseReport, format: Format, options: FormatOptions): string {
  switch (format) {
    case "pretty":
      return formatPretty(report, options.color);
    case "json":
      return formatJson(report);
    case "classroom":
      return formatClassroom(report);
    case "junit":
      return formatJunit(report);
    case "markdown":
      return formatMarkdown(report);
    case "github":
      return formatGithub(report);
    case "gradescope":
      return formatGradescope(report);
  }
}

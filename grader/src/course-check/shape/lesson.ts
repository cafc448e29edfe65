// The lesson's shape (CONTRIBUTING.md, `README.md` and `HINTS.md`): idea →
// worked example → task → recap, a "Coming from Python?" table, a numbered
// task list, and one hints section per step of it.
import path from "node:path";
import { readText, shown, type ShapeContext, type ShapeProblem } from "./files.ts";

/** The README's sections, in the order the lesson goes (as exercise 02 titles them). */
const SECTIONS = ["## The idea", "## Your task", "## Recap"] as const;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
/** Hint sections: `## 1. Title` (the course runner's `npm start` reads them the same way: packages/course-runner/src/hints.ts). */
const HINT_SECTION = /^##\s+(\d+)\./;
const STEP = /^(\d+)\.\s/;

interface Line {
  text: string;
  /** 1-based, for messages. */
  number: number;
}

/** The lines outside fenced code blocks: a `## x` inside a ```sh block is not a heading. */
function prose(markdown: string): Line[] {
  let fenced = false;
  return markdown.split("\n").flatMap((text, i) => {
    if (/^\s*(```|~~~)/.test(text)) {
      fenced = !fenced;
      return [];
    }
    return fenced ? [] : [{ text, number: i + 1 }];
  });
}

/** The lines under the heading at `start` up to the next heading of the same level or higher. */
function sectionBody(lines: Line[], start: number): Line[] {
  const level = HEADING.exec(lines[start]!.text)![1]!.length;
  const end = lines.findIndex((line, i) => i > start && (HEADING.exec(line.text)?.[1]?.length ?? 7) <= level);
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

/** The numbers of the task's steps: the README's numbered list under `## Your task`, top level only. */
function taskSteps(readme: string): number[] {
  const lines = prose(readme);
  const start = lines.findIndex((line) => line.text.trim() === "## Your task");
  if (start === -1) return [];
  return sectionBody(lines, start).flatMap((line) => {
    const step = STEP.exec(line.text);
    return step ? [Number(step[1])] : [];
  });
}

export function readmeProblems({ root, exercise }: ShapeContext): ShapeProblem[] {
  const file = path.join(exercise, "README.md");
  const at = shown(root, file);
  const readme = readText(file);
  if (readme === undefined)
    return [{ file: at, message: "is missing: the lesson lives there (idea → worked example → task → recap, CONTRIBUTING.md)" }];
  const problems: ShapeProblem[] = [];
  const lines = prose(readme);
  const headings = lines.filter((line) => HEADING.test(line.text));
  const found = SECTIONS.map((title) => headings.find((h) => h.text.trim() === title));
  for (const [i, title] of SECTIONS.entries()) {
    if (!found[i])
      problems.push({
        file: at,
        message: `has no "${title}" section: the lesson goes ${SECTIONS.map((s) => `"${s}"`).join(" → ")} (CONTRIBUTING.md)`,
      });
  }
  const present = found.filter((h) => h !== undefined);
  if (present.some((h, i) => i > 0 && h.number < present[i - 1]!.number)) {
    problems.push({
      file: at,
      message: `its sections are out of order: the lesson goes ${SECTIONS.map((s) => `"${s}"`).join(" → ")} (CONTRIBUTING.md)`,
    });
  }
  // The model (02) shows its worked example inside "The idea", with no heading of its own: what makes one is code shown before the task.
  const task = found[1]?.number ?? Infinity;
  const beforeTask = readme.split("\n").slice(0, task === Infinity ? undefined : task - 1);
  if (!beforeTask.some((text) => /^\s*```(ts|typescript)\b/.test(text))) {
    problems.push({
      file: at,
      message:
        'has no worked example before "## Your task": show the idea in a ```ts code block first (idea → worked example → task → recap, CONTRIBUTING.md)',
    });
  }
  const python = headings.findIndex((h) => /^#{2,6}\s+Coming from Python\?$/.test(h.text.trim()));
  if (python === -1) {
    problems.push({
      file: at,
      message: 'has no "### Coming from Python?" section: a table naming the asyncio idea each TypeScript one mirrors (CONTRIBUTING.md)',
    });
  } else {
    const body = sectionBody(lines, lines.indexOf(headings[python]!));
    if (!body.some((line) => /^\s*\|?\s*:?-{3,}:?\s*\|/.test(line.text))) {
      problems.push({
        file: at,
        message: `its "Coming from Python?" section (line ${headings[python]!.number}) has no table: | asyncio | TypeScript / Node | rows, as in 02`,
      });
    }
  }
  if (found[1]) {
    const steps = taskSteps(readme);
    if (steps.length === 0)
      problems.push({
        file: at,
        message: `its "## Your task" (line ${found[1].number}) has no numbered list: one "1. …" item per step, which HINTS.md's sections follow`,
      });
    else if (steps.some((n, i) => n !== i + 1))
      problems.push({
        file: at,
        message: `its "## Your task" steps are numbered ${steps.join(", ")}: number them 1, 2, 3… (HINTS.md's sections follow them)`,
      });
  }
  return problems;
}

export function hintsProblems({ root, exercise }: ShapeContext): ShapeProblem[] {
  const file = path.join(exercise, "HINTS.md");
  const at = shown(root, file);
  const hints = readText(file);
  if (hints === undefined) return [{ file: at, message: "is missing: one `## N.` section of hints per step of the task (CONTRIBUTING.md)" }];
  const lines = prose(hints);
  const sections = lines.flatMap((line, i) => {
    const match = HINT_SECTION.exec(line.text);
    return match ? [{ n: Number(match[1]), line: line.number, body: sectionBody(lines, i) }] : [];
  });
  const problems: ShapeProblem[] = [];
  const steps = taskSteps(readText(path.join(exercise, "README.md")) ?? "");
  if (sections.length !== steps.length) {
    problems.push({
      file: at,
      message: `has ${sections.length} \`## N.\` section(s), but the README's "Your task" has ${steps.length} step(s): one section per step, in the same order`,
    });
  } else if (sections.some((s, i) => s.n !== i + 1)) {
    problems.push({
      file: at,
      message: `its sections are numbered ${sections.map((s) => s.n).join(", ")}: number them 1, 2, 3…, as the task's steps`,
    });
  }
  for (const section of sections) {
    if (!section.body.some((line) => line.text.includes("<details>"))) {
      problems.push({
        file: at,
        message: `its section "## ${section.n}." (line ${section.line}) has no hint: each hint is a <details> block, gentlest first`,
      });
    }
  }
  return problems;
}

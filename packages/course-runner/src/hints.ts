// An exercise's HINTS.md, read as the course writes it: one `## N. Title`
// section per step of the task, each hint a `<details>` block, gentlest first.
//
// Which step a test belongs to is said by the hints themselves, never guessed:
// a section may name the tests it helps with in an HTML comment (invisible on
// GitHub), one name a line, each a test's name or the title of a `describe`
// block (all the tests inside it):
//
//   ## 3. Giving up
//   <!-- tests:
//   Semaphore: giving up with an AbortSignal
//   Semaphore.withPermit rejects with signal.reason when aborted while waiting, and never calls fn
//   -->
//
// A name ending in " …" stands for every test whose name starts with what
// comes before it (for tests whose names are generated, e.g. 01's
// `predictions.syncFirst …`). A test named by no section (or by two) has no
// step: the runner says so.
import { readFileSync } from "node:fs";
import path from "node:path";

export interface Step {
  /** The number the section and the README's task list give the step. */
  number: number;
  /** The section's title, e.g. "`withPermit`" or "First in, first out". */
  title: string;
  /** Each hint's text, without its `<details>` wrapping, gentlest first. */
  hints: string[];
  /** The test names and describe titles the section says it covers. */
  covers: string[];
}

const HEADING = /^##\s+(\d+)\.\s*(.*?)\s*$/;
const DETAILS = /<details>\s*(?:<summary>[\s\S]*?<\/summary>)?([\s\S]*?)<\/details>/g;
const COVERS = /<!--\s*tests:([\s\S]*?)-->/g;

/** The steps of a HINTS.md, in order (none when the file is missing or has no numbered section). */
export function parseHints(markdown: string): Step[] {
  const steps: Step[] = [];
  let current: { number: number; title: string; body: string[] } | undefined;
  const close = () => {
    if (!current) return;
    const body = current.body.join("\n");
    const hints = [...body.matchAll(DETAILS)].map((match) => match[1]!.trim()).filter((text) => text !== "");
    const covers = [...body.matchAll(COVERS)].flatMap((match) =>
      match[1]!
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== ""),
    );
    steps.push({ number: current.number, title: current.title, hints, covers });
  };
  for (const line of markdown.split(/\r?\n/)) {
    const heading = HEADING.exec(line);
    if (heading) {
      close();
      current = { number: Number(heading[1]), title: heading[2]!, body: [] };
    } else if (/^#{1,2}\s/.test(line)) {
      close();
      current = undefined;
    } else {
      current?.body.push(line);
    }
  }
  close();
  return steps;
}

export function readHints(exerciseDir: string): Step[] {
  try {
    return parseHints(readFileSync(path.join(exerciseDir, "HINTS.md"), "utf8"));
  } catch {
    return [];
  }
}

const DESCRIBE = /^(\s*)describe(?:\.\w+)*\(\s*(["'`])((?:\\.|(?!\2).)*)\2/;
const CLOSING = /^(\s*)\}\s*\)/;

/**
 * The titles of the `describe` blocks around line `line` of a test file,
 * outermost first. Read from the text as the course formats it (a block
 * closes with `})` at the indentation it opened with).
 */
export function describesAround(source: string, line: number): string[] {
  const open: { indent: number; title: string }[] = [];
  const lines = source.split(/\r?\n/).slice(0, Math.max(0, line - 1));
  for (const text of lines) {
    const describe = DESCRIBE.exec(text);
    if (describe) {
      open.push({ indent: describe[1]!.length, title: describe[3]!.replace(/\\(.)/g, "$1") });
      continue;
    }
    const closing = CLOSING.exec(text);
    if (closing) {
      const indent = closing[1]!.length;
      while (open.length > 0 && open.at(-1)!.indent >= indent) open.pop();
    }
  }
  return open.map((block) => block.title);
}

type StepOf =
  | { kind: "step"; step: Step }
  /** No section names the test nor any describe block around it. */
  | { kind: "missing" }
  /** Several sections name it: the hints contradict themselves. */
  | { kind: "ambiguous"; steps: Step[] };

/** Whether a name a section gives stands for `name`: the same, or a prefix written "prefix …". */
const covers = (cover: string, name: string): boolean => cover === name || (cover.endsWith(" …") && name.startsWith(cover.slice(0, -1)));

/** The step a test belongs to, as the hints declare it: by its own name first, then by its innermost describe block. */
export function stepOf(steps: readonly Step[], test: { name: string; describes: readonly string[] }): StepOf {
  for (const name of [test.name, ...[...test.describes].reverse()]) {
    const naming = steps.filter((step) => step.covers.some((cover) => covers(cover, name)));
    if (naming.length === 1) return { kind: "step", step: naming[0]! };
    if (naming.length > 1) return { kind: "ambiguous", steps: naming };
  }
  return { kind: "missing" };
}

/** The describe blocks around a test, read from its file in the exercise (none if it cannot be read). */
export function describesOf(exerciseDir: string, test: { file: string; line?: number }): string[] {
  if (test.line === undefined) return [];
  try {
    return describesAround(readFileSync(path.join(exerciseDir, test.file), "utf8"), test.line);
  } catch {
    return [];
  }
}

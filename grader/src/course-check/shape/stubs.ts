// The exercise's src/ (CONTRIBUTING.md): index.ts re-exports and nothing else;
// each student file has one `// TODO:` and a stub that throws, naming itself;
// each given file says so (`/** Given: … */`) and is listed in `course.given`,
// and every listed file exists.
import path from "node:path";
import { givenFiles } from "@course/testkit/config";
import { STUBS_WITHOUT_THROW } from "./allowed.ts";
import { entries, readText, shown, type ShapeContext, type ShapeProblem } from "./files.ts";

const TODO_LINE = /^\s*\/\/ TODO:/gm;
const STUB_THROW = /throw new Error\((["'`])(TODO:.*?)\1\)/g;
/** What the demo stage reads a stub's error by (packages/testkit/src/demo/errors.ts). */
const STUB_MESSAGE = /^TODO: implement (.+?) in (src\/[\w./-]+\.ts)$/;
const GIVEN_DOC = /\/\*\*[\s*]*Given:/;
/** `export { a, type B } from "./a.ts";` or `export * from "./a.ts";`, and comments. */
const RE_EXPORT = /^\s*export\s+(?:type\s+)?(?:\*|\{[^}]*\})\s+from\s+(["'])\.\/([\w.-]+\.ts)\1;?\s*$/;

/** The exercise's src/ files that the student writes: every `.ts` file there but index.ts and the given ones. */
export function studentFiles(exercise: string): string[] {
  const given = new Set(givenFiles(exercise));
  return entries(path.join(exercise, "src"), "file").filter((name) => name.endsWith(".ts") && name !== "index.ts" && !given.has(name));
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

function indexProblems({ root, exercise }: ShapeContext): ShapeProblem[] {
  const file = path.join(exercise, "src", "index.ts");
  const at = shown(root, file);
  const text = readText(file);
  if (text === undefined) return [{ file: at, message: "is missing: it re-exports the exercise's public names (CONTRIBUTING.md)" }];
  // Statements end with `;`; a multi-line `export { … }` is one statement.
  const statements = stripComments(text)
    .split(";")
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter((s) => s !== "");
  return statements.flatMap((statement): ShapeProblem[] => {
    const match = RE_EXPORT.exec(statement);
    if (!match)
      return [
        { file: at, message: `re-exports the public names and nothing else, but holds \`${statement.slice(0, 80)}\`: move it to a file of its own` },
      ];
    const target = match[2]!;
    return readText(path.join(exercise, "src", target)) === undefined
      ? [{ file: at, message: `re-exports from ./${target}, which is not in src/` }]
      : [];
  });
}

function stubProblems({ root, id, exercise }: ShapeContext, name: string): ShapeProblem[] {
  const file = path.join(exercise, "src", name);
  const at = shown(root, file);
  const text = readText(file) ?? "";
  const problems: ShapeProblem[] = [];
  const todos = text.match(TODO_LINE)?.length ?? 0;
  if (todos !== 1) {
    problems.push({
      file: at,
      message:
        todos === 0
          ? "has no `// TODO:` line: a stub says where to start, in one `// TODO:` line (or, if the contract gives this file, list it in course.given)"
          : `has ${todos} \`// TODO:\` lines: a stub has exactly one, the one place to start (what each part does belongs in its doc comment)`,
    });
  }
  if (GIVEN_DOC.test(text))
    problems.push({
      file: at,
      message: "has a `/** Given: … */` doc but is not listed in course.given (package.json): list it, or drop the doc if the student writes it",
    });
  const throws = [...text.matchAll(STUB_THROW)].map((m) => m[2]!);
  if (throws.length === 0) {
    if (!STUBS_WITHOUT_THROW[id]?.files.includes(name)) {
      problems.push({
        file: at,
        message: `has no stub that throws: each unwritten function throws new Error("TODO: implement X in src/${name}") (a promise-returning one is async, so it rejects)`,
      });
    }
  }
  for (const message of throws) {
    const match = STUB_MESSAGE.exec(message);
    if (!match)
      problems.push({
        file: at,
        message: `throws "${message}": say "TODO: implement X in src/${name}" (npm run demo reads what is not written yet from it)`,
      });
    else if (match[2] !== `src/${name}`)
      problems.push({ file: at, message: `throws "${message}", which names ${match[2]}: name this file, src/${name}` });
  }
  return problems;
}

/** Files listed in `course.given`: each exists, and one in src/ says it is given; a `.ts` file beside the exercise's configs is given or not the exercise's. */
function givenProblems({ root, exercise }: ShapeContext): ShapeProblem[] {
  const manifest = path.join(exercise, "package.json");
  const problems: ShapeProblem[] = [];
  const listed = givenFiles(exercise);
  for (const rel of listed) {
    const file = path.join(exercise, "src", rel);
    const text = readText(file);
    if (text === undefined)
      problems.push({ file: shown(root, manifest), message: `course.given lists ${shown(exercise, file)}, which does not exist` });
    else if (!rel.startsWith("..") && !GIVEN_DOC.test(text)) {
      problems.push({
        file: shown(root, file),
        message: "is listed in course.given but has no `/** Given: … */` doc comment: say what it gives and that the student does not write it",
      });
    }
  }
  const listedTop = new Set(listed.filter((rel) => rel.startsWith("..")).map((rel) => path.basename(rel)));
  for (const name of entries(exercise, "file").filter((n) => n.endsWith(".ts") && n !== "vitest.config.ts" && !listedTop.has(n))) {
    problems.push({
      file: shown(root, path.join(exercise, name)),
      message: "is not listed in course.given (package.json): a file beside the exercise's configs is given (demo.ts) or does not belong there",
    });
  }
  return problems;
}

export function srcProblems(context: ShapeContext): ShapeProblem[] {
  return [...indexProblems(context), ...studentFiles(context.exercise).flatMap((name) => stubProblems(context, name)), ...givenProblems(context)];
}

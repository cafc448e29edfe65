// The exercise's test/ (CONTRIBUTING.md, "Tests"): the code under test comes
// in through ../src/index.ts only, so a test sees exactly the public names the
// contract fixes, and a student may split a file's work differently.
import path from "node:path";
import { entries, readText, shown, type ShapeContext, type ShapeProblem } from "./files.ts";

/** `from "../src/x.ts"`, `import("../src/x.ts")`, `import "../src/x.ts"`: any module specifier into src/. */
const INTO_SRC = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'`])\.\.\/src\/([^"'`]*)\1/g;

export function testProblems({ root, exercise }: ShapeContext): ShapeProblem[] {
  const dir = path.join(exercise, "test");
  return entries(dir, "file")
    .filter((name) => name.endsWith(".ts"))
    .flatMap((name) => {
      const text = readText(path.join(dir, name)) ?? "";
      return [...text.matchAll(INTO_SRC)]
        .map((match) => match[2]!)
        .filter((target) => target !== "index.ts")
        .map((target) => ({
          file: shown(root, path.join(dir, name)),
          message: `imports ../src/${target}: tests import the code from ../src/index.ts only (the public names), helpers from @course/testkit`,
        }));
    });
}

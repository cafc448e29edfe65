import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { exerciseDir, listExercises } from "../src/exercises.ts";
import { compilerOptions, typecheckFolders, typecheckOverlaid } from "../src/typecheck.ts";

const root = mkdtempSync(path.join(tmpdir(), "typecheck-"));
writeFileSync(path.join(root, "package.json"), '{ "type": "module" }\n');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder laid out like an exercise: the same test, and src/index.ts as given. */
function chain(name: string, index: string): string {
  const folder = path.join(root, name);
  mkdirSync(path.join(folder, "src"), { recursive: true });
  mkdirSync(path.join(folder, "test"), { recursive: true });
  writeFileSync(path.join(folder, "src", "index.ts"), index);
  writeFileSync(path.join(folder, "src", "helper.ts"), "export const one = 1;\n");
  writeFileSync(path.join(folder, "test", "a.test.ts"), 'import { twice } from "../src/index.ts";\nexport const four: number = twice(2);\n');
  return folder;
}

const options = compilerOptions(path.join(exerciseDir(listExercises()[0]!), "tsconfig.json"));
const reference = chain("reference", 'import { one } from "./helper.ts";\nexport function twice(n: number): number {\n  return n * 2 * one;\n}\n');
const sloppy = chain("sloppy", "export function twice(n: number): number {\n  const label: string = n;\n  return n + n;\n}\n");
const drifted = chain("drifted", "export function twice(n: number): string {\n  return String(n * 2);\n}\n");
const quiet = chain("quiet", "export function twice(n: number): number {\n  return n + n;\n}\n");
const results = typecheckFolders([{ folder: reference }, ...[sloppy, drifted, quiet].map((folder) => ({ folder, base: reference }))], options);

describe("typecheckFolders", () => {
  test("checks a folder without a base whole", () => {
    expect(results.get(reference)).toEqual([]);
  });

  test("finds the errors in a file a chain changed", () => {
    expect(results.get(sloppy)).toEqual(["src/index.ts(2,9): Type 'number' is not assignable to type 'string'."]);
  });

  test("checks the tests against a chain whose exported types changed", () => {
    expect(results.get(drifted)).toEqual(["test/a.test.ts(2,14): Type 'string' is not assignable to type 'number'."]);
  });

  test("passes a chain that changed only how it works", () => {
    expect(results.get(quiet)).toEqual([]);
  });
});

describe("typecheckOverlaid (a submission's src/ over an exercise's, as grading runs it)", () => {
  /** An exercise in the course's layout: a test of `twice`, a stub, and a given file. */
  const exercise = (name: string) => {
    const folder = chain(name, 'export { twice } from "./twice.ts";\nexport { one } from "./helper.ts";\n');
    writeFileSync(path.join(folder, "src", "twice.ts"), 'export function twice(n: number): number {\n  throw new Error("TODO");\n}\n');
    return folder;
  };
  const overlay = (name: string, files: Record<string, string>) => {
    const dir = path.join(root, name);
    mkdirSync(dir, { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
    return dir;
  };
  // Each case is an exercise of its own with its own overlay, all in ONE program, as grading checks every
  // exercise of a submission: a program parses Node's and TypeScript's declarations, a second of CPU each.
  const cases = {
    indexing: {
      "twice.ts":
        "export function twice(n: number): number {\n  const factors = [2];\n  const factor: number = factors[0];\n  return n * factor;\n}\n",
    },
    right: { "twice.ts": "export function twice(n: number): number {\n  return n * 2;\n}\n" },
    "drifted-api": {
      "twice.ts": 'import { label } from "./label.ts";\nexport function twice(n: number): string {\n  return label(n * 2);\n}\n',
      "label.ts": "export const label = (n: number): string => `${n}`;\nexport const broken: number = label(1);\n",
    },
    given: { "helper.ts": "export const one: string = 1;\n" },
  };
  const folders = Object.fromEntries(Object.keys(cases).map((name) => [name, exercise(`exercise-${name}`)]));
  const overlaid = typecheckOverlaid(
    Object.entries(cases).map(([name, files]) => ({ folder: folders[name]!, src: overlay(name, files), given: ["helper.ts"] })),
    options,
  );
  const check = (name: keyof typeof cases) => overlaid.get(folders[name]!);

  test("checks the overlay's files under the exercise's own paths, with noUncheckedIndexedAccess", () => {
    expect(check("indexing")).toEqual([
      "src/twice.ts(3,9): Type 'number | undefined' is not assignable to type 'number'.\n  Type 'undefined' is not assignable to type 'number'.",
    ]);
  });

  test("finds nothing in a right overlay, nor in the stub it leaves in place", () => {
    expect(check("right")).toEqual([]);
  });

  test("checks the tests against the overlay's API, and a file it adds", () => {
    expect(check("drifted-api")).toEqual([
      "src/label.ts(2,14): Type 'string' is not assignable to type 'number'.",
      "test/a.test.ts(2,14): Type 'string' is not assignable to type 'number'.",
    ]);
  });

  test("takes a given file from the exercise, whatever the overlay holds", () => {
    expect(check("given")).toEqual([]);
  });
});

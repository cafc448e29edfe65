import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { exerciseDir, listExercises } from "../src/exercises.ts";
import { compilerOptions, typecheckFolders } from "../src/typecheck.ts";

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
const sloppy = chain("sloppy", 'export function twice(n: number): number {\n  const label: string = n;\n  return n + n;\n}\n');
const drifted = chain("drifted", "export function twice(n: number): string {\n  return String(n * 2);\n}\n");
const quiet = chain("quiet", "export function twice(n: number): number {\n  return n + n;\n}\n");
const results = typecheckFolders(
  [{ folder: reference }, ...[sloppy, drifted, quiet].map((folder) => ({ folder, base: reference }))],
  options,
);

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

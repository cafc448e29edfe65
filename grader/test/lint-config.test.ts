// The repository's ESLint config (eslint.config.js at the root) does what it
// says: each house rule is tried on a snippet it must report and one it must
// let through, as if the snippet were a file at that path.
import { globSync } from "node:fs";
import path from "node:path";
import { ESLint, type Linter } from "eslint";
import type ts from "typescript";
import { describe, expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });

/** The rules ESLint reports on `code`, as if it were the file `file` of the repository. */
async function rulesReported(file: string, code: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((message) => message.ruleId);
}

const TEST_FILE = "exercises/02-concurrent-requests/test/lint-config-sample.test.ts";
/** A test file whose one test runs `body` (expect imported only if it uses it, so that nothing else is reported). */
const inTest = (body: string) => `import { ${body.includes("expect") ? "expect, " : ""}test } from "vitest";\ntest("sample", () => {\n${body}\n});\n`;

describe("eslint.config.js on tests", () => {
  test("if (…) expect.fail(message), the course's way to fail with a teaching message, is allowed", async () => {
    expect(await rulesReported(TEST_FILE, inTest(`const late = [1];\nif (late.length > 0) expect.fail("late: " + late.join());`))).toEqual([]);
  });

  test("any other expect under a condition is reported: it may never run", async () => {
    expect(await rulesReported(TEST_FILE, inTest(`const a = Math.random();\nif (a > 0.5) expect(a).toBe(1);`))).toEqual([
      "course/no-conditional-expect",
    ]);
  });

  test("expect's second argument, the message a failure prints, is allowed", async () => {
    expect(await rulesReported(TEST_FILE, inTest(`expect(1 + 1, "two, in the course's words").toBe(2);`))).toEqual([]);
  });

  test("a focused or skipped test is reported", async () => {
    const focused = `import { expect, test } from "vitest";\ntest.only("sample", () => {\n  expect(1).toBe(1);\n});\n`;
    expect(await rulesReported(TEST_FILE, focused)).toEqual(["vitest/no-focused-tests"]);
    expect(await rulesReported(TEST_FILE, focused.replace("test.only", "test.skip"))).toEqual(["vitest/no-disabled-tests"]);
  });

  test("a test that asserts through the kit's valueOf counts as asserting; one that asserts nothing is reported", async () => {
    const kit = `import { valueOf } from "@course/testkit";\n`;
    expect(await rulesReported(TEST_FILE, kit + inTest(`valueOf({ status: "fulfilled", value: 1, at: 0 });`))).toEqual([]);
    expect(await rulesReported(TEST_FILE, inTest(`const a = 1 + 1;\nvoid a;`))).toEqual(["vitest/expect-expect"]);
  });
});

describe("eslint.config.js on code", () => {
  test("a stub's unused parameters and imports are allowed (it throws before using them); elsewhere they are reported", async () => {
    const stub = `import { HttpError } from "./http-error.ts";\nexport async function f(url: string): Promise<void> {\n  // TODO: implement f\n  throw new Error("TODO: implement f in src/f.ts");\n}\n`;
    expect(await rulesReported("exercises/02-concurrent-requests/src/lint-config-sample.ts", stub)).toEqual([]);
    expect(await rulesReported("scripts/lint-config-sample.ts", stub)).toEqual([
      "@typescript-eslint/no-unused-vars",
      "@typescript-eslint/no-unused-vars",
    ]);
  });

  test("a name starting with _ is unused on purpose", async () => {
    expect(await rulesReported("scripts/lint-config-sample.js", `export function f(_event, value) {\n  return value;\n}\n`)).toEqual([]);
  });

  // The typed rules read one TypeScript program, tsconfig.json's (the one that
  // typechecks the course's own code), for the `files` of the config block that
  // names it (TYPED_FILES). Asked of the config, not by linting a snippet:
  // building that program costs seconds of CPU, and npm run lint builds it
  // anyway (where a file of TYPED_FILES outside it fails to parse).
  test("every file the typed rules cover is in their program, and the floating- and misused-promise rules are on for it", async () => {
    const config = (await import(path.join(root, "eslint.config.js"))) as { default: Linter.Config[]; TYPED_FILES: string[] };
    const blocks = config.default;
    const projectOf = (block: Linter.Config) => (block.languageOptions?.parserOptions as { project?: string } | undefined)?.project;
    const typed = blocks.filter(projectOf);
    expect(typed.map(projectOf), "one block names the typed program").toEqual(["./tsconfig.json"]);
    const patterns = typed[0]!.files as string[];
    // npm run lint (scripts/lint.js) gives the program it built to the files of TYPED_FILES.
    expect(patterns, "the typed block's files are TYPED_FILES, which scripts/lint.js hands its program").toBe(config.TYPED_FILES);
    // The reader scripts/lint.js builds its program from, so this is the program npm run lint hands ESLint.
    const { readToolsTsconfig } = (await import(path.join(root, "scripts/tools-tsconfig.js"))) as { readToolsTsconfig: () => ts.ParsedCommandLine };
    const program = readToolsTsconfig();
    const inProgram = new Set(program.fileNames.map((file) => path.resolve(file)));
    for (const pattern of patterns) {
      const files = globSync(pattern, { cwd: root, exclude: (name) => name === "node_modules" });
      expect(files.length, `${pattern} matches TypeScript files`).toBeGreaterThan(0);
      expect(
        files.filter((file) => !inProgram.has(path.join(root, file))),
        `files of ${pattern} outside the typed program: add their folder to the include of tsconfig.json`,
      ).toEqual([]);
      const forFile = (await eslint.calculateConfigForFile(path.join(root, files[0]!))) as { rules: Record<string, unknown[]> };
      const on = (rule: string) => forFile.rules[`@typescript-eslint/${rule}`]?.[0] === 2;
      expect({ floating: on("no-floating-promises"), misused: on("no-misused-promises") }, `the typed rules are errors for ${pattern}`).toEqual({
        floating: true,
        misused: true,
      });
    }
  });

  test("hostile fixtures and exercise 11's legacy example are not linted (broken on purpose)", async () => {
    expect(await eslint.isPathIgnored(path.join(root, "grader/test/fixtures/hostile/syntax-error/src/answer.ts"))).toBe(true);
    expect(await eslint.isPathIgnored(path.join(root, "exercises/11-pitfalls/src/legacy.ts"))).toBe(true);
    expect(await eslint.isPathIgnored(path.join(root, "exercises/11-pitfalls/src/save-all.ts"))).toBe(false);
  });
});

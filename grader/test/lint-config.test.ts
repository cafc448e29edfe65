// The repository's ESLint config (eslint.config.js at the root) does what it
// says: each house rule is tried on a snippet it must report and one it must
// let through, as if the snippet were a file at that path.
import { readdirSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
// typescript-eslint reads CI=true (as CI and GitHub Classroom set it) as "one
// run of the CLI": its program then holds the files as they are on disk, and
// the snippets below, linted in their place, get no type information at all.
// These tests lint text in a long-lived process, as an editor does: say so.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { disallowAutomaticSingleRunInference: true } } },
});

/** The rules ESLint reports on `code`, as if it were the file `file` of the repository. */
async function rulesReported(file: string, code: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((message) => message.ruleId);
}

/** The first TypeScript file of `folder` (a file of the repository, by its path from the root). */
const aFileIn = (folder: string) =>
  path.join(
    folder,
    readdirSync(path.join(root, folder))
      .filter((name) => name.endsWith(".ts"))
      .sort()[0]!,
  );

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

  // Each folder of the course's own code (TYPED_FILES) must be in the one
  // TypeScript program the typed rules read (scripts/eslint/tsconfig.typed.json):
  // a folder it missed fails to parse here. The snippet stands in for a file
  // that exists (a new path would not be in the program), and the program,
  // built once, serves all three.
  test.each(["grader/src", "packages/testkit/src", "packages/course-runner/src"])(
    "a floating promise or a misused one in %s is reported (with type information)",
    { timeout: 120_000 },
    async (folder) => {
      const code = `export async function f(): Promise<void> {\n  Promise.reject(new Error("lost"));\n}\nexport function g(items: number[]): void {\n  items.forEach(async () => f());\n}\n`;
      expect(await rulesReported(aFileIn(folder), code)).toEqual([
        "@typescript-eslint/no-floating-promises",
        "@typescript-eslint/no-misused-promises",
      ]);
    },
  );

  test("hostile fixtures and exercise 11's legacy example are not linted (broken on purpose)", async () => {
    expect(await eslint.isPathIgnored(path.join(root, "grader/test/fixtures/hostile/syntax-error/src/answer.ts"))).toBe(true);
    expect(await eslint.isPathIgnored(path.join(root, "exercises/11-pitfalls/src/legacy.ts"))).toBe(true);
    expect(await eslint.isPathIgnored(path.join(root, "exercises/11-pitfalls/src/save-all.ts"))).toBe(false);
  });
});

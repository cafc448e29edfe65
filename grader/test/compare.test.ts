// npm run compare: submissions side by side (scores, the tests whose results
// differ) and one exercise's code of two of them as a diff. The CLI, which
// grades folders in sandboxed processes, is tried in compare.integration.test.ts.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { compareText, srcDiff, studentOf, type Compared } from "../src/class/compare.ts";
import { sampleReport } from "./fixtures/class/sample-report.ts";

const fixtureCourse = path.join(import.meta.dirname, "fixtures", "course");
const work = mkdtempSync(path.join(tmpdir(), "compare-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const asCompared = (name: string): Compared => studentOf(sampleReport, name)!;

describe("compareText", () => {
  test("each exercise's scores side by side, then only the tests whose results differ, with ✓ and ✗ per submission", () => {
    expect(compareText([asCompared("ada"), asCompared("zed")])).toBe(
      [
        "A: ada  7/7",
        "B: zed  3/7",
        "",
        "01-answer  A 4/4  B 2/4",
        "  B: known mistake answers-at-once",
        "  A B",
        "  ✓ ✗  answer thinks for exactly 1000 ms",
        "",
        "02-echo  A 3/3  B 1/3",
        "  A B",
        "  ✓ ✗  echo waits ms first",
        "",
      ].join("\n"),
    );
  });

  test("says when every test has the same result for all, and names an exercise's error", () => {
    const text = compareText([asCompared("mia"), asCompared("zed"), asCompared("hal")]);
    expect(text).toContain("01-answer  A 2/4  B 2/4  C error\n");
    expect(text).toContain("  C: error: your code called process.exit()");
    expect(compareText([asCompared("ada"), asCompared("ada")])).toContain("01-answer  A 4/4  B 4/4\n  (every test: the same result for all)\n");
  });

  test("a student of the class who could not be graded is refused, saying why", () => {
    expect(() => studentOf(sampleReport, "kai")).toThrow(/kai could not be graded in that class: holds no exercises\/ folder/);
    expect(studentOf(sampleReport, "nobody")).toBeUndefined();
  });
});

describe("srcDiff", () => {
  const a = path.join(work, "a");
  const b = path.join(work, "b");
  cpSync(path.join(fixtureCourse, "solutions"), a, { recursive: true });
  cpSync(path.join(fixtureCourse, "solutions"), b, { recursive: true });
  writeFileSync(path.join(b, "02-echo", "src", "echo.ts"), "export async function echo(text: string): Promise<string> {\n  return text;\n}\n");
  const report = { submission: "", score: 0, maxScore: 0, exercises: [], unknownExercises: [] };

  test("one exercise's code of two submissions as a unified diff, file by file", () => {
    const diff = srcDiff({ label: "a", dir: a, report }, { label: "b", dir: b, report }, "02-echo");
    expect(diff).toContain("--- a/02-echo/src/echo.ts\n+++ b/02-echo/src/echo.ts\n");
    expect(diff).toContain("-  await new Promise((resolve) => setTimeout(resolve, ms));\n");
    expect(srcDiff({ label: "a", dir: a, report }, { label: "b", dir: b, report }, "01-answer")).toBe(
      "01-answer: the src/ of a and b are the same\n",
    );
  });
});

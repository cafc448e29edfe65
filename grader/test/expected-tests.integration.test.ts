import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { exerciseDir } from "../src/exercises.ts";
import { declaredTestsFingerprint, shipExpectedTests } from "../src/grade/expected-tests.ts";
import { gradeCourse } from "../src/grade/grade.ts";

const fixtureCourse = path.join(import.meta.dirname, "fixtures", "course");
const work = mkdtempSync(path.join(tmpdir(), "grader-expected-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the fixture course, as a student's repository holds one: exercises/ is their work. */
function studentCourse(name: string): string {
  const course = path.join(work, name);
  cpSync(fixtureCourse, course, { recursive: true, filter: (source) => path.basename(source) !== "node_modules" });
  // Its settings extend the repository's, by a path relative to where it lies.
  writeFileSync(path.join(course, "tsconfig.base.json"), JSON.stringify({ extends: path.join(fixtureCourse, "tsconfig.base.json") }));
  return course;
}

describe("the tests an exercise declares", () => {
  test("are known by its tests, config and given files, never by the code a student writes", () => {
    const course = studentCourse("fingerprints");
    const id = "01-answer";
    const before = declaredTestsFingerprint(id, course);
    writeFileSync(path.join(exerciseDir(id, course), "src", "answer.ts"), "export const answer = async () => 42;\n");
    expect(declaredTestsFingerprint(id, course), "a student's own src/ file").toBe(before);
    appendFileSync(path.join(exerciseDir(id, course), "src", "answer-error.ts"), "\n");
    const givenChanged = declaredTestsFingerprint(id, course);
    expect(givenChanged, "a file the exercise gives").not.toBe(before);
    appendFileSync(path.join(exerciseDir(id, course), "test", "answer.test.ts"), "\n");
    expect(declaredTestsFingerprint(id, course), "a test file").not.toBe(givenChanged);
  });

  test("in a student's repository, code that does not even load is graded (an error for its exercise), not a failure of grading", async () => {
    const course = studentCourse("broken");
    // What the export does: ship what the stubs declare.
    await shipExpectedTests(["01-answer", "02-echo"], course, course);
    writeFileSync(path.join(exerciseDir("01-answer", course), "src", "answer.ts"), "export async function answer( {\n");
    const report = await gradeCourse({ course, jobs: 2 });
    const [broken, other] = report.exercises;
    expect(broken?.status, broken?.message).toBe("error");
    expect(broken?.message).toMatch(/syntax error/);
    expect(broken?.maxScore).toBe(4);
    expect(other?.status).not.toBe("error");
  }, 120_000);
});

import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { listExercises, listVariants, solutionDir } from "../src/exercises.ts";
import { knownMistake, shippedMistakesDir, signaturesOf, testsFingerprint, type MistakeSignature } from "../src/grade/known-mistakes.ts";
import { oneLineWhy, readWrongWay } from "../src/wrong-ways/wrong-way.ts";

const fixtureCourse = path.join(import.meta.dirname, "fixtures", "course");
const root = mkdtempSync(path.join(tmpdir(), "known-mistakes-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A course at `root` with the fixture's exercise 01-answer, and these signatures shipped for its tests. */
function courseWith(mistakes: MistakeSignature[]): string {
  const course = mkdtempSync(path.join(root, "course-"));
  cpSync(path.join(fixtureCourse, "exercises", "01-answer", "test"), path.join(course, "exercises", "01-answer", "test"), { recursive: true });
  mkdirSync(shippedMistakesDir(course), { recursive: true });
  writeFileSync(
    path.join(shippedMistakesDir(course), `01-answer-${testsFingerprint("01-answer", course)}.json`),
    JSON.stringify({ exercise: "01-answer", mistakes }),
  );
  return course;
}

const [A, B, C] = ["answer resolves with 42", "answer thinks for exactly 1000 ms", "answer rejects a negative question with an AnswerError"];

describe("knownMistake", () => {
  const course = courseWith([
    { name: "never-rejects", explanation: "a negative question is answered like any other.", failed: [C] },
    { name: "answers-at-once", explanation: "the answer comes before any thinking.", failed: [B] },
    { name: "answers-late-a", explanation: "one way to be late.", failed: [A, B] },
    { name: "answers-late-b", explanation: "another way to be late.", failed: [A, B] },
  ]);

  test("names the one wrong way whose failing tests are exactly the student's, in any order, with its explanation", () => {
    expect(knownMistake("01-answer", [C], course)).toEqual({ name: "never-rejects", explanation: "a negative question is answered like any other." });
    expect(knownMistake("01-answer", [B, B], course)).toEqual({ name: "answers-at-once", explanation: "the answer comes before any thinking." });
  });

  test("names nothing for a subset or a superset of a signature, or no failure at all", () => {
    expect(knownMistake("01-answer", [B, C], course)).toBeUndefined();
    expect(knownMistake("01-answer", [A], course)).toBeUndefined();
    expect(knownMistake("01-answer", [], course)).toBeUndefined();
  });

  test("names neither of two wrong ways that fail the same tests: it cannot tell which", () => {
    expect(knownMistake("01-answer", [B, A], course)).toBeUndefined();
  });

  test("names nothing once the tests have changed, nor for an exercise without signatures", () => {
    writeFileSync(path.join(course, "exercises", "01-answer", "test", "answer.test.ts"), "// changed\n", { flag: "a" });
    expect(knownMistake("01-answer", [C], course)).toBeUndefined();
    expect(knownMistake("02-echo", [C], course)).toBeUndefined();
    expect(knownMistake("99-nowhere", [C], course)).toBeUndefined();
  });
});

describe("signaturesOf (what the course check stores)", () => {
  const way = (name: string, failed: string[], status: "fail" | "error" = "fail") => ({ name, explanation: `${name}.`, status, failed });

  test("keeps each wrong way's failing tests; leaves out one that fails every test, none, or could not be graded", () => {
    const { signatures, unnamed } = signaturesOf([way("a", [C, B]), way("all", [A, B, C]), way("crash", [A, B, C], "error"), way("none", [])], 3);
    expect(signatures).toEqual([{ name: "a", explanation: "a.", failed: [C, B].sort() }]);
    expect(unnamed).toEqual([
      { name: "all", why: "fails every test" },
      { name: "crash", why: "could not be graded" },
      { name: "none", why: "fails no test" },
    ]);
  });

  test("keeps two wrong ways that fail the same tests, and reports them as not named", () => {
    const { signatures, unnamed } = signaturesOf([way("x", [A]), way("y", [A]), way("z", [B])], 3);
    expect(signatures.map((s) => s.name)).toEqual(["x", "y", "z"]);
    expect(unnamed).toEqual([
      { name: "x", why: "fails the same tests as y" },
      { name: "y", why: "fails the same tests as x" },
    ]);
  });
});

describe("oneLineWhy (a wrong way's explanation, from its header)", () => {
  test("is the first sentence, without the Wrong: label, as written", () => {
    expect(
      oneLineWhy(
        "Wrong: release() hands the permit to the caller who arrived last (pop instead of shift), so an early caller\ncan wait forever. Newcomers overtake it.",
      ),
    ).toBe("release() hands the permit to the caller who arrived last (pop instead of shift), so an early caller can wait forever.");
  });

  test("adds the second sentence when the first is short, and reads a header of several Wrong: lines as one text", () => {
    expect(oneLineWhy("Wrong: batch by batch. Each batch waits for its slowest URL.")).toBe("batch by batch. Each batch waits for its slowest URL.");
    expect(
      oneLineWhy("Wrong: firstOf rejects once the count of failures reaches\nWrong: the number of tasks. With no tasks that never happens."),
    ).toBe("firstOf rejects once the count of failures reaches the number of tasks. With no tasks that never happens.");
  });

  test("does not end a sentence inside brackets, quotes or code", () => {
    expect(
      oneLineWhy('Wrong: it waits (as in Node 10. and before) for "the batch. of timers" and `a. b` to finish, which no longer happens in any Node.'),
    ).toBe('it waits (as in Node 10. and before) for "the batch. of timers" and `a. b` to finish, which no longer happens in any Node.');
  });

  test("gives every wrong way of the course a line that says what is wrong: one sentence or two, 60 to 400 characters", () => {
    const lines = listExercises().flatMap((id) =>
      listVariants(id, "wrong").map((name) => ({
        name: `${id}/${name}`,
        line: oneLineWhy(readWrongWay(path.join(solutionDir(id), "wrong", `${name}.patch`)).why),
      })),
    );
    expect(lines.length).toBeGreaterThan(100);
    const odd = lines.filter(
      ({ line }) => line.length < 60 || line.length > 400 || line.includes("\n") || /^Wrong:|\sWrong:/.test(line) || !/[.!?)]$/.test(line),
    );
    expect(odd).toEqual([]);
  });
});

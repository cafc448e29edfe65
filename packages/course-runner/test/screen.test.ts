import { describe, expect, test } from "vitest";
import type { GradedExercise } from "@course/grader/grade";
import { mistakeOf } from "../src/mistakes.ts";
import { render, wrap } from "../src/screen.ts";
import type { ViewState } from "../src/state.ts";

const report = (id: string, failing: number, passing: number, message = "expected 1 to be 2"): GradedExercise => {
  const tests = [
    ...Array.from({ length: failing }, (_, i) => ({
      name: `${id} fails ${i} ${"very long name ".repeat(5)}`,
      file: "test/a.test.ts",
      status: "fail" as const,
      score: 0,
      maxScore: 2,
      message: `${message}\nsecond line\nthird line`,
      durationMs: 1,
    })),
    ...Array.from({ length: passing }, (_, i) => ({
      name: `${id} passes ${i}`,
      file: "test/a.test.ts",
      status: "pass" as const,
      score: 1,
      maxScore: 1,
      durationMs: 1,
    })),
  ];
  const score = tests.reduce((s, t) => s + t.score, 0);
  const maxScore = tests.reduce((s, t) => s + t.maxScore, 0);
  return { id, score, maxScore, status: score === maxScore ? "pass" : "fail", tests, alteredFiles: [] };
};

const state = (overrides: Partial<ViewState> = {}): ViewState => ({
  exercises: [
    { id: "01-event-loop", report: report("01-event-loop", 0, 5), stale: false },
    { id: "02-concurrent-requests", report: report("02-concurrent-requests", 30, 3), stale: false },
    ...Array.from({ length: 10 }, (_, i) => ({ id: `${String(i + 3).padStart(2, "0")}-exercise-with-a-long-name`, stale: true })),
  ],
  current: "02-concurrent-requests",
  testing: "03-exercise-with-a-long-name",
  view: "exercise",
  cursor: 1,
  ...overrides,
});

describe("render", () => {
  for (const size of [
    { columns: 100, rows: 30 },
    { columns: 60, rows: 12 },
    { columns: 200, rows: 60 },
  ]) {
    test(`fits a ${size.columns}×${size.rows} terminal, whatever it shows`, () => {
      const hint = {
        kind: "hint" as const,
        step: { number: 1, title: "A step", hints: ["word ".repeat(400)], covers: [] },
        index: 0,
        exhausted: true,
      };
      for (const view of [
        state(),
        state({ hint }),
        state({ view: "list", cursor: 11 }),
        state({ notice: "n moves on once every test passes: not yet." }),
      ]) {
        const lines = render(view, size, false).split("\n");
        expect(lines.length).toBeLessThanOrEqual(size.rows);
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(size.columns - 1);
        // The keys are always on the last line.
        expect(lines.at(-1)).toMatch(/q quit/);
      }
    });
  }

  test("the progress bar counts the points known, and says how many exercises are not tested yet", () => {
    const screen = render(state(), { columns: 120, rows: 30 }, false);
    expect(screen).toContain("8/68 points · 1 of 12 exercises done (10 not tested yet)");
    expect(screen).toMatch(/✓01 5\/5 {2}▶02 3\/63 {2}⟳03 …/);
  });

  test("the list keeps the highlighted exercise in view", () => {
    const screen = render(state({ view: "list", cursor: 11 }), { columns: 100, rows: 10 }, false);
    expect(screen).toContain("› 12-exercise-with-a-long-name");
  });
});

describe("wrap", () => {
  test("wraps at words, keeps line breaks, cuts a word longer than the width", () => {
    expect(wrap("aaa bbb ccc\nddd", 7)).toEqual(["aaa bbb", "ccc", "ddd"]);
    expect(wrap("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
  });
});

describe("Your mistake has a name", () => {
  test("the screen names the known mistake the grader found, with its explanation", () => {
    const explanation =
      "the line is a stack. release() hands the permit to the caller who arrived last (pop instead of shift), so an early caller can wait forever.";
    const screen = render(state({ mistake: { name: "lifo-waiters", explanation } }), { columns: 80, rows: 30 }, false);
    // Wrapped to the terminal's width, on lines of its own.
    expect(screen).toContain("\n Your mistake has a name: lifo-waiters. the line is a stack.");
    expect(screen.replace(/\n /g, " ")).toContain(`Your mistake has a name: lifo-waiters. ${explanation}`);
  });

  test("mistakeOf is the grader's naming in the report, and nothing for a passing or untested exercise", () => {
    const failing = { ...report("05-semaphore", 2, 3), knownMistake: { name: "lifo-waiters", explanation: "LIFO." } };
    expect(mistakeOf(failing)).toEqual({ name: "lifo-waiters", explanation: "LIFO." });
    expect(mistakeOf(report("05-semaphore", 2, 3))).toBeUndefined();
    expect(mistakeOf(report("05-semaphore", 0, 3))).toBeUndefined();
    expect(mistakeOf(undefined)).toBeUndefined();
  });
});

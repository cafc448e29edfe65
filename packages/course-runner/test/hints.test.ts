import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { describesAround, parseHints, readHints, stepOf } from "../src/hints.ts";

const courseRoot = path.resolve(import.meta.dirname, "../../..");
const exercises = readdirSync(path.join(courseRoot, "exercises")).filter((name) => /^\d{2}-/.test(name));

describe("parseHints", () => {
  test("reads each numbered section's hints, gentlest first, and the tests it names", () => {
    const steps = parseHints(
      [
        "# Hints",
        "Intro.",
        "## 1. `sleep`",
        "<!-- tests:",
        "sleep: timing",
        "sleep rejects at once when aborted",
        "-->",
        "<details><summary>Hint 1</summary>",
        "",
        "First.",
        "</details>",
        "",
        "<details><summary>Hint 2</summary>",
        "Second,",
        "on two lines.",
        "</details>",
        "## 2. Cancel",
        "<details><summary>Hint 1</summary>Only.</details>",
        "## Recap",
        "<details><summary>Not a step</summary>no</details>",
      ].join("\n"),
    );
    expect(steps).toEqual([
      { number: 1, title: "`sleep`", hints: ["First.", "Second,\non two lines."], covers: ["sleep: timing", "sleep rejects at once when aborted"] },
      { number: 2, title: "Cancel", hints: ["Only."], covers: [] },
    ]);
  });

  test("every exercise's HINTS.md has numbered steps, each with at least one hint, numbered 1, 2, 3…", () => {
    for (const id of exercises) {
      const steps = readHints(path.join(courseRoot, "exercises", id));
      expect(steps.length, id).toBeGreaterThan(0);
      expect(
        steps.map((step) => step.number),
        id,
      ).toEqual(steps.map((_, index) => index + 1));
      for (const step of steps) expect(step.hints.length, `${id} step ${step.number}`).toBeGreaterThan(0);
    }
  });

  /** How a test's name can stand in its source: in double quotes, in single quotes (the formatter's choice when it holds a double quote) or in backticks. */
  const asStringLiterals = (name: string) => [JSON.stringify(name), `'${name.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`, `\`${name}\``];

  test("every test or describe block a HINTS.md names exists in that exercise's tests (a renamed test leaves no stale name), under one step only", () => {
    for (const id of exercises) {
      const dir = path.join(courseRoot, "exercises", id);
      const sources = readdirSync(path.join(dir, "test"), { recursive: true, encoding: "utf8" })
        .filter((file) => file.endsWith(".ts"))
        .map((file) => readFileSync(path.join(dir, "test", file), "utf8"))
        .join("\n");
      const named = new Map<string, number>();
      for (const step of readHints(dir)) {
        for (const name of step.covers) {
          // A prefix ("predictions.syncFirst …") stands for generated names: each of its words is in the tests.
          const there = name.endsWith(" …")
            ? (name.slice(0, -2).match(/\w+/g) ?? []).every((word) => sources.includes(word))
            : asStringLiterals(name).some((literal) => sources.includes(literal));
          expect(there, `${id} HINTS.md step ${step.number} names "${name}"`).toBe(true);
          expect(named.get(name), `${id} HINTS.md names "${name}" under step ${named.get(name)} and step ${step.number}`).toBeUndefined();
          named.set(name, step.number);
        }
      }
    }
  });
});

describe("describesAround", () => {
  const source = [
    'describe("outer", () => {', //         1
    '  describe("inner", () => {', //       2
    '    test("a", () => {});', //          3
    "  });", //                             4
    '  test("b", () => {', //               5
    "  });", //                             6
    "});", //                               7
    'test("c", () => {});', //              8
  ].join("\n");

  test("names the blocks a test's line is in, outermost first", () => {
    expect(describesAround(source, 3)).toEqual(["outer", "inner"]);
    expect(describesAround(source, 5)).toEqual(["outer"]);
    expect(describesAround(source, 8)).toEqual([]);
  });
});

describe("stepOf", () => {
  const step = (number: number, covers: string[]) => ({ number, title: `step ${number}`, hints: ["h"], covers });

  test("a test named by a step belongs to it, before its describe block's step", () => {
    const steps = [step(1, ["sleep: timing"]), step(2, ["sleep rejects at once when aborted"])];
    expect(stepOf(steps, { name: "sleep rejects at once when aborted", describes: ["sleep: timing"] })).toEqual({ kind: "step", step: steps[1] });
    expect(stepOf(steps, { name: "sleep resolves after ms", describes: ["sleep: timing"] })).toEqual({ kind: "step", step: steps[0] });
  });

  test("the innermost describe block named decides", () => {
    const steps = [step(1, ["outer"]), step(2, ["inner"])];
    expect(stepOf(steps, { name: "t", describes: ["outer", "inner"] })).toEqual({ kind: "step", step: steps[1] });
  });

  test('a name ending in " …" stands for the tests whose names start with it, word for word', () => {
    const steps = [step(1, ["predictions.syncFirst …"]), step(2, ["predictions.syncFirstAgain …"])];
    expect(stepOf(steps, { name: "predictions.syncFirst is the order Node runs", describes: [] })).toEqual({ kind: "step", step: steps[0] });
    expect(stepOf(steps, { name: "predictions.syncFirstAgain is the order", describes: [] })).toEqual({ kind: "step", step: steps[1] });
  });

  test("named nowhere: missing; named twice: ambiguous (never a guess)", () => {
    const steps = [step(1, ["x"]), step(2, ["x"])];
    expect(stepOf(steps, { name: "t", describes: ["y"] })).toEqual({ kind: "missing" });
    expect(stepOf(steps, { name: "x", describes: [] })).toEqual({ kind: "ambiguous", steps });
  });
});

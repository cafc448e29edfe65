// First, before the code under test loads: it routes Node's fs through the
// tests' pretend file system (see the file), whatever the code keeps of it.
import "./support/fake-fs.ts";
import { points } from "@course/testkit";
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { describeFinding, lintCodeUnderTest, type LintReport, type Rule } from "./support/lint.ts";

// ESLint with type information builds a whole TypeScript program first: a few
// seconds of real CPU work (measured: about 3.5 s of CPU, 8 to 11 s of wall
// time on a busy two-core machine), not waiting. One lint serves both tests.
const LINT_TIMEOUT_MS = 60_000;
let lint: Promise<LintReport> | undefined;
const report = () => (lint ??= lintCodeUnderTest());

const STUB = 'throw new Error("TODO: implement';

/** The rule's findings in the code under test, after checking that the lint itself works. */
async function findingsOf(rule: Rule): Promise<string[]> {
  const { files, findings } = await report();

  // The given src/legacy.ts has one mistake of each kind. If ESLint did not
  // see them, it had no type information, and a clean result would mean nothing.
  const legacyFound = findings.filter((f) => f.given && f.rule === rule);
  if (legacyFound.length === 0) {
    throw new Error(
      `The lint check is broken, not your code: ${rule} found nothing in the given src/legacy.ts, which has that mistake. ` +
        "Please tell the course authors.",
    );
  }

  const graded = files.filter((f) => !f.given);
  const stubs = graded.filter((f) => readFileSync(f.file, "utf8").includes(STUB)).map((f) => f.display);
  expect(
    stubs,
    `ESLint's verdict counts for the code you write: ${stubs.join(", ")} ${stubs.length === 1 ? "still throws its TODO error" : "still throw their TODO errors"}.`,
  ).toEqual([]);

  const parse = findings.filter((f) => !f.given && f.rule === "parse");
  expect(parse.map(describeFinding), "ESLint could not read these files").toEqual([]);
  return findings.filter((f) => !f.given && f.rule === rule).map(describeFinding);
}

describe("ESLint on src/", () => {
  test("src passes no-floating-promises: every promise is awaited, returned or handled", { ...points(2), timeout: LINT_TIMEOUT_MS }, async () => {
    const found = await findingsOf("no-floating-promises");
    if (found.length > 0) {
      throw new Error(`typescript-eslint's no-floating-promises found ${found.length} promise(s) that nothing waits for:\n  ${found.join("\n  ")}`);
    }
  });

  test("src passes no-misused-promises: no promise where a plain value or function belongs", { ...points(2), timeout: LINT_TIMEOUT_MS }, async () => {
    const found = await findingsOf("no-misused-promises");
    if (found.length > 0) {
      throw new Error(
        `typescript-eslint's no-misused-promises found ${found.length} promise(s) where a plain value or function belongs:\n  ${found.join("\n  ")}`,
      );
    }
  });
});

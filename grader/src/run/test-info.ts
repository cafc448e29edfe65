import path from "node:path";
import type { TestCase } from "vitest/node";
import { cut, MESSAGE_LIMIT } from "../cut.ts";
import { failureCause } from "./end-reason.ts";
import type { CollectedTest, TestOutcome } from "./messages.ts";

// eslint-disable-next-line no-control-regex -- colour codes are exactly what is removed
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * An error as one readable string: "TypeError: …", without colour codes, and
 * cut to MESSAGE_LIMIT (the code under test chooses its errors' messages).
 */
export function describeError(error: { message?: string; name?: string } | undefined): string {
  if (!error) return "unknown error";
  const message = String(error.message ?? error);
  const name = error.name && error.name !== "Error" && !message.startsWith(String(error.name)) ? `${String(error.name).slice(0, 200)}: ` : "";
  // Cut before the colour codes are removed too, so a huge message is not scanned whole.
  return cut(`${name}${cut(message, 2 * MESSAGE_LIMIT)}`.replace(ANSI, ""), MESSAGE_LIMIT);
}

/** A test as the grader knows it: name, file (relative to `root`), points, line. */
export function collectedTest(testCase: TestCase, root: string): CollectedTest {
  const meta = testCase.meta() as { points?: unknown };
  const points = typeof meta.points === "number" && meta.points > 0 ? meta.points : 1;
  return {
    name: testCase.name,
    file: path.relative(root, testCase.module.moduleId),
    points,
    line: testCase.location?.line,
  };
}

/** How a finished test ended, as the grader scores it. */
function testState(testCase: TestCase): "pass" | "fail" | "skip" {
  const { state } = testCase.result();
  return state === "passed" ? "pass" : state === "failed" ? "fail" : "skip";
}

/**
 * A finished test's result: its state, its first error's message and, when
 * its errors say the run cannot be graded (tampering, process.exit, out of
 * time), that cause. Without figures (the grader's reporter adds them).
 */
export function testOutcome(testCase: TestCase, root: string): TestOutcome {
  const state = testState(testCase);
  const outcome: TestOutcome = { ...collectedTest(testCase, root), state, durationMs: Math.round(testCase.diagnostic()?.duration ?? 0) };
  if (state !== "fail") return outcome;
  const errors = testCase.result().errors ?? [];
  outcome.message = describeError(errors[0]);
  const cause = failureCause(errors);
  if (cause) outcome.cause = cause;
  return outcome;
}

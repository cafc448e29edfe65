import { describe, expect, test } from "vitest";
import type { RunResult } from "../src/run/run-tests.ts";
import { scoreRun } from "../src/score.ts";

const expected = [
  { name: "a works", file: "test/a.test.ts", points: 2, line: 3 },
  { name: "b works", file: "test/a.test.ts", points: 1, line: 9 },
];

const run = (overrides: Partial<RunResult>): RunResult => ({
  collected: expected,
  results: [],
  moduleErrors: [],
  unhandledErrors: [],
  output: "",
  durationMs: 10,
  ...overrides,
});

describe("scoreRun", () => {
  test("gives each passing test its points", () => {
    const report = scoreRun(
      "01-x",
      expected,
      run({
        results: [
          { ...expected[0]!, state: "pass", durationMs: 4 },
          { ...expected[1]!, state: "fail", message: "expected 2 to be 3", durationMs: 1 },
        ],
      }),
    );
    expect(report).toMatchObject({ score: 2, maxScore: 3, status: "fail" });
    expect(report.tests[1]).toMatchObject({ status: "fail", score: 0, message: "expected 2 to be 3", line: 9 });
  });

  test("counts a test the run never reported as failed", () => {
    const report = scoreRun("01-x", expected, run({ results: [{ ...expected[0]!, state: "pass", durationMs: 4 }] }));
    expect(report.tests[1]).toMatchObject({ status: "fail", message: "did not run" });
  });

  test("an exercise that could not be graded is an error worth 0, with the reason", () => {
    const timedOut = scoreRun("01-x", expected, run({ aborted: "idle", results: [{ ...expected[0]!, state: "pass", durationMs: 4 }] }), {
      timeoutMs: 60_000,
      idleMs: 20_000,
      busyMs: 8_000,
      testTimeoutMs: 5_000,
      memoryMb: 1_536,
    });
    expect(timedOut).toMatchObject({ status: "error", score: 0, maxScore: 3 });
    expect(timedOut.message).toBe(
      "stopped after 20 s without progress while loading or running the tests: an infinite loop, or a promise that never settles",
    );
    const broken = scoreRun("01-x", expected, run({ moduleErrors: [{ file: "test/a.test.ts", errors: ["SyntaxError: Unexpected token\n at …"] }] }));
    expect(broken.message).toBe("test/a.test.ts could not load the code under test: SyntaxError: Unexpected token");
  });
});

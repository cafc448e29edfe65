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
  end: { kind: "completed" },
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

  test("an exercise that could not be graded is an error worth 0, with the reason, whatever its tests reported", () => {
    const stopped = scoreRun(
      "01-x",
      expected,
      run({ end: { kind: "idle", limitMs: 20_000 }, results: [{ ...expected[0]!, state: "pass", durationMs: 4 }] }),
    );
    expect(stopped).toMatchObject({ status: "error", score: 0, maxScore: 3 });
    expect(stopped.message).toBe(
      "stopped after 20 s without progress while loading or running the tests: an infinite loop, or a promise that never settles",
    );
    expect(stopped.tests[0]).toMatchObject({ status: "fail", score: 0, message: `not graded: ${stopped.message}` });
  });

  test("reads why the run ended from its end reason, not from what the tests printed", () => {
    const timedOutWords = { ...expected[1]!, state: "fail" as const, message: "TestTimeoutError: Test timed out in 5000ms.", durationMs: 5000 };
    const report = scoreRun("01-x", expected, run({ results: [{ ...expected[0]!, state: "pass", durationMs: 4 }, timedOutWords] }));
    expect(report).toMatchObject({ status: "fail", score: 2 });
  });

  // What a student reads for each end reason: the wording the grader has always given (grading.md: it must not get worse).
  const running = { runningTest: "test/a.test.ts > a works" };
  const wordings: [string, Partial<RunResult>, string][] = [
    [
      "busy",
      { end: { kind: "busy", limitMs: 8_000, ...running } },
      'stopped after 8 s of computing without progress while running "test/a.test.ts > a works": an infinite loop, or work far too slow',
    ],
    [
      "idle",
      { end: { kind: "idle", limitMs: 20_000 } },
      "stopped after 20 s without progress while loading or running the tests: an infinite loop, or a promise that never settles",
    ],
    [
      "memory",
      { end: { kind: "memory", limitMb: 1_536, ...running } },
      'stopped while running "test/a.test.ts > a works" when its processes held more than 1536 MB of memory: data that only grows, or output kept without end',
    ],
    [
      "timeout",
      { end: { kind: "timeout", limitMs: 120_000 } },
      "stopped after 120 s while loading or running the tests: the exercise took too long (an infinite loop?)",
    ],
    ["not-started", { end: { kind: "not-started" }, output: "\nError: spawn ENOENT\nmore" }, "the test run could not start: Error: spawn ENOENT"],
    [
      "crash",
      { end: { kind: "crash", exit: "was killed (SIGKILL)", ...running } },
      'the test run\'s process was killed (SIGKILL) while running "test/a.test.ts > a works", before the run was over: code that ends the process, or a crashed worker',
    ],
    [
      "crash without exit",
      { end: { kind: "crash" } },
      "the test run's process ended while loading or running the tests, before the run was over: code that ends the process, or a crashed worker",
    ],
    [
      "syntax",
      { end: { kind: "module-error", file: "test/a.test.ts", error: "[PARSE_ERROR] …", syntax: { message: "Expected `,`", at: "src/a.ts:3:40" } } },
      "a syntax error at src/a.ts:3:40: Expected `,`",
    ],
    [
      "syntax, nowhere",
      { end: { kind: "module-error", file: "test/a.test.ts", error: "[PARSE_ERROR] …", syntax: { message: "Unexpected token" } } },
      "a syntax error: Unexpected token",
    ],
    [
      "module error",
      { end: { kind: "module-error", file: "test/a.test.ts", error: "Error: boom at import\n at src/a.ts:1" } },
      "test/a.test.ts could not load the code under test: Error: boom at import",
    ],
    ["tampering", { end: { kind: "tampering", test: "a works" } }, "your code changed the test tools (expect or vi): that earns no points"],
    [
      "exit",
      { end: { kind: "exit", message: 'process.exit unexpectedly called with "0"\nstack' } },
      'your code called process.exit(): process.exit unexpectedly called with "0"',
    ],
    [
      "test timeout",
      { end: { kind: "test-timeout", test: "b works", limitMs: 5_000 } },
      '"b works" did not finish within 5 s: a promise that never settles',
    ],
    [
      "unhandled",
      { end: { kind: "unhandled", error: "Error: nobody catches me\n at x" } },
      "an error escaped the tests (an unhandled rejection, or a crashed worker): Error: nobody catches me",
    ],
    ["no tests", { end: { kind: "no-tests" }, output: "No test files found\n" }, "no test ran: No test files found"],
    ["no tests, silent", { end: { kind: "no-tests" } }, "no test ran: the test run ended early"],
  ];
  test.each(wordings)("words the end reason %s for a student", (_kind, overrides, message) => {
    const report = scoreRun("01-x", expected, run({ results: [{ ...expected[0]!, state: "pass", durationMs: 4 }], ...overrides }));
    expect(report).toMatchObject({ status: "error", score: 0, message });
  });
});

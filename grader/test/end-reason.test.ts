import { describe, expect, test } from "vitest";
// The kit's integrity setup file: loading it here registers its checks around this file's tests, which change no test tool.
import { TAMPERING } from "@course/testkit/config";
import { splitBatchRun } from "../src/run/batch.ts";
import { endOfCompletedRun, endOfRun, failureCause, moduleErrorReason, type RunEnding } from "../src/run/end-reason.ts";
import { DEFAULT_LIMITS, type RunLimits } from "../src/run/limits.ts";
import type { TestOutcome } from "../src/run/messages.ts";
import type { RunResult } from "../src/run/run-tests.ts";

/** The kit's integrity check's error, as it throws it (packages/testkit/src/setup/integrity.ts). */
const tamperingError = { name: "Error", message: `${TAMPERING} (expect.toBe). Points cannot be earned that way.` };
/** vitest's own, as its reporter hands it on (name and message as seen from a real run's reporter). */
const testTimeoutError = {
  name: "TestTimeoutError",
  message:
    'Test timed out in 5000ms.\nIf this is a long-running test, pass a timeout value as the last argument or configure it globally with "testTimeout".',
};
const hookTimeoutError = {
  name: "HookTimeoutError",
  message:
    'Hook timed out in 5000ms.\nIf this is a long-running hook, pass a timeout value as the last argument or configure it globally with "hookTimeout".',
};

/** What vitest throws when code calls process.exit() in a test process: taken from the real one (vitest replaces it in this process too). */
function processExitError(): Error {
  try {
    process.exit(0);
  } catch (error) {
    return error as Error;
  }
  throw new Error("process.exit returned: vitest no longer replaces it in its workers, and the run layer's reading of its error needs another look");
}

const outcome = (name: string, state: TestOutcome["state"], extra: Partial<TestOutcome> = {}): TestOutcome => ({
  name,
  file: "test/a.test.ts",
  points: 1,
  state,
  durationMs: 1,
  ...extra,
});

const reported = (extra: Partial<Pick<RunResult, "collected" | "results" | "moduleErrors" | "unhandledErrors">> = {}) => ({
  collected: [{ name: "a", file: "test/a.test.ts", points: 1 }],
  results: [outcome("a", "pass")],
  moduleErrors: [],
  unhandledErrors: [],
  ...extra,
});

describe("failureCause", () => {
  test("tells the kit's tampering error, vitest's process.exit error and a test out of time", () => {
    expect(failureCause([tamperingError])).toBe("tampering");
    expect(failureCause([processExitError()])).toBe("exit");
    expect(failureCause([testTimeoutError])).toBe("test-timeout");
  });

  test("tells process.exit() quoted in the failure of a test that awaited the code", () => {
    const quoted = { name: "AssertionError", message: `answer() rejected instead of resolving: Error: ${processExitError().message}` };
    expect(failureCause([quoted])).toBe("exit");
  });

  test("tells a cause behind the test's own failure too (the kit checks after the test, in afterEach)", () => {
    expect(failureCause([{ name: "AssertionError", message: "expected 1 to be 2" }, tamperingError])).toBe("tampering");
  });

  test("tampering outranks the rest: a test whose tools were changed proves nothing else", () => {
    expect(failureCause([testTimeoutError, processExitError(), tamperingError])).toBe("tampering");
    expect(failureCause([testTimeoutError, processExitError()])).toBe("exit");
  });

  test("leaves an ordinary failure alone, a hook out of time, and a student's own words about timing out", () => {
    expect(failureCause([{ name: "AssertionError", message: "expected 2 to be 3" }])).toBeUndefined();
    expect(failureCause([hookTimeoutError])).toBeUndefined();
    // Code under test may reject with words like vitest's: the name says whose they are.
    expect(failureCause([{ name: "Error", message: "Test timed out in 300ms" }])).toBeUndefined();
    expect(failureCause([])).toBeUndefined();
  });

  test("looks for a marker only near the start of a message (code under test chooses its length)", () => {
    expect(failureCause([{ message: `${"x".repeat(1_000_000)}${TAMPERING}` }])).toBeUndefined();
    expect(failureCause([{ message: `${"x".repeat(9_000)}${TAMPERING}` }])).toBe("tampering");
  });
});

describe("moduleErrorReason", () => {
  test("reads vite's parse error as a syntax error with its place in the submission", () => {
    const error = "[PARSE_ERROR] Expected `,` but found `;`\n    ╭─[ ../../src/answer.ts:3:40 ]\n  3 │ export const x = f(1;";
    expect(moduleErrorReason("test/a.test.ts", error)).toEqual({
      kind: "module-error",
      file: "test/a.test.ts",
      error,
      syntax: { message: "Expected `,` but found `;`", at: "src/answer.ts:3:40" },
    });
  });

  test("a parse error without a place is still a syntax error", () => {
    expect(moduleErrorReason("test/a.test.ts", "[PARSE_ERROR] Unexpected token")).toMatchObject({ syntax: { message: "Unexpected token" } });
  });

  test("any other failure to load is a module error without syntax", () => {
    const reason = moduleErrorReason("test/a.test.ts", "Error: boom at import\n at answer.ts:2");
    expect(reason).toEqual({ kind: "module-error", file: "test/a.test.ts", error: "Error: boom at import\n at answer.ts:2" });
  });

  test("process.exit() while loading is the exit it is, not a module that failed to load", () => {
    const message = processExitError().message;
    expect(moduleErrorReason("test/a.test.ts", message)).toEqual({ kind: "exit", message });
  });
});

describe("endOfCompletedRun", () => {
  test("a run whose every failure is the tests' verdict completed", () => {
    expect(endOfCompletedRun(reported({ results: [outcome("a", "pass"), outcome("b", "fail", { message: "expected 1 to be 2" })] }), 5_000)).toEqual({
      kind: "completed",
    });
  });

  test("names each reason from what the run reported", () => {
    expect(endOfCompletedRun(reported({ moduleErrors: [{ file: "test/a.test.ts", errors: ["Error: boom"] }] }), 5_000)).toMatchObject({
      kind: "module-error",
      file: "test/a.test.ts",
    });
    expect(endOfCompletedRun(reported({ results: [outcome("a", "fail", { cause: "tampering" })] }), 5_000)).toEqual({ kind: "tampering", test: "a" });
    expect(
      endOfCompletedRun(reported({ results: [outcome("a", "fail", { cause: "exit", message: "process.exit unexpectedly called" })] }), 5_000),
    ).toEqual({
      kind: "exit",
      message: "process.exit unexpectedly called",
    });
    expect(endOfCompletedRun(reported({ results: [outcome("a", "pass"), outcome("b", "fail", { cause: "test-timeout" })] }), 7_000)).toEqual({
      kind: "test-timeout",
      test: "b",
      limitMs: 7_000,
    });
    expect(endOfCompletedRun(reported({ unhandledErrors: ["Error: nobody catches me"] }), 5_000)).toEqual({
      kind: "unhandled",
      error: "Error: nobody catches me",
    });
    expect(endOfCompletedRun(reported({ results: [] }), 5_000)).toEqual({ kind: "no-tests" });
  });

  test("in order: a file that cannot load, tampering, process.exit, a test out of time, an error outside the tests", () => {
    const everything = reported({
      moduleErrors: [{ file: "test/b.test.ts", errors: ["Error: boom"] }],
      results: [
        outcome("t", "fail", { cause: "test-timeout" }),
        outcome("e", "fail", { cause: "exit" }),
        outcome("x", "fail", { cause: "tampering" }),
      ],
      unhandledErrors: ["Error: late"],
    });
    expect(endOfCompletedRun(everything, 5_000).kind).toBe("module-error");
    expect(endOfCompletedRun({ ...everything, moduleErrors: [] }, 5_000).kind).toBe("tampering");
    const noTampering = { ...everything, moduleErrors: [], results: everything.results.slice(0, 2) };
    expect(endOfCompletedRun(noTampering, 5_000).kind).toBe("exit");
    expect(endOfCompletedRun({ ...noTampering, results: noTampering.results.slice(0, 1) }, 5_000).kind).toBe("test-timeout");
    expect(endOfCompletedRun({ ...noTampering, results: [outcome("a", "fail")] }, 5_000).kind).toBe("unhandled");
  });
});

describe("endOfRun", () => {
  const limits: RunLimits = { timeoutMs: 60_000, idleMs: 20_000, busyMs: 8_000, testTimeoutMs: 5_000, memoryMb: 1_024 };
  const ending = (extra: Partial<RunEnding>): RunEnding => ({ processError: false, reportedEnd: true, code: 0, signal: null, ...extra });

  test("a limit that stopped the run carries the limit, and the test that was running", () => {
    const running = { runningTest: "test/a.test.ts > a" };
    expect(endOfRun(ending({ stoppedBy: "timeout", ...running }), reported(), limits)).toEqual({ kind: "timeout", limitMs: 60_000, ...running });
    expect(endOfRun(ending({ stoppedBy: "idle", ...running }), reported(), limits)).toEqual({ kind: "idle", limitMs: 20_000, ...running });
    expect(endOfRun(ending({ stoppedBy: "busy" }), reported(), limits)).toEqual({ kind: "busy", limitMs: 8_000 });
    expect(endOfRun(ending({ stoppedBy: "memory", ...running }), reported(), limits)).toEqual({ kind: "memory", limitMb: 1_024, ...running });
  });

  test("a stop outranks what the run reported before it (the kill ends the run however it was going)", () => {
    const stopped = endOfRun(
      ending({ stoppedBy: "idle", reportedEnd: false, code: null, signal: "SIGKILL" }),
      reported({ unhandledErrors: ["Error: x"] }),
      limits,
    );
    expect(stopped.kind).toBe("idle");
  });

  test("a process that ended before the run reported its end crashed, and says how", () => {
    expect(endOfRun(ending({ reportedEnd: false, code: null, signal: "SIGKILL" }), reported(), limits)).toEqual({
      kind: "crash",
      exit: "was killed (SIGKILL)",
    });
    expect(endOfRun(ending({ reportedEnd: false, code: 1, runningTest: "test/a.test.ts > a" }), reported(), limits)).toEqual({
      kind: "crash",
      exit: "exited with code 1",
      runningTest: "test/a.test.ts > a",
    });
  });

  test("a process that could not start is not-started; one that failed after collecting tests crashed", () => {
    expect(endOfRun(ending({ processError: true, reportedEnd: false }), reported({ collected: [], results: [] }), limits)).toEqual({
      kind: "not-started",
    });
    expect(endOfRun(ending({ processError: true }), reported(), limits)).toEqual({ kind: "crash" });
  });

  test("a run that reported its end is read from what it reported, with the run's own limit for one test", () => {
    const run = reported({ results: [outcome("a", "fail", { cause: "test-timeout" })] });
    expect(endOfRun(ending({}), run, limits)).toEqual({ kind: "test-timeout", test: "a", limitMs: 5_000 });
    expect(endOfRun(ending({}), reported(), DEFAULT_LIMITS)).toEqual({ kind: "completed" });
  });
});

describe("splitBatchRun", () => {
  const batch = (extra: Partial<RunResult>): RunResult => ({
    collected: [],
    results: [
      { ...outcome("a", "pass"), file: "exercises/01-a/test/a.test.ts" },
      { ...outcome("b", "fail", { cause: "test-timeout" }), file: "exercises/02-b/test/b.test.ts" },
    ],
    moduleErrors: [],
    unhandledErrors: [],
    end: { kind: "test-timeout", test: "b", limitMs: 5_000 },
    output: "",
    durationMs: 1,
    ...extra,
  });

  test("gives each exercise its own end reason: one exercise's test out of time is not the other's", () => {
    const split = splitBatchRun(batch({}), ["01-a", "02-b"], 5_000);
    expect(split.get("01-a")?.end).toEqual({ kind: "completed" });
    expect(split.get("02-b")?.end).toEqual({ kind: "test-timeout", test: "b", limitMs: 5_000 });
    expect(split.get("02-b")?.results[0]?.file).toBe("test/b.test.ts");
  });

  test("tells no exercise apart from a batch cut short or with an error outside every test", () => {
    for (const cutShort of [batch({ end: { kind: "idle", limitMs: 20_000 } }), batch({ end: { kind: "crash", exit: "exited with code 1" } })]) {
      expect([...splitBatchRun(cutShort, ["01-a", "02-b"], 5_000).values()]).toEqual([undefined, undefined]);
    }
    const escaped = batch({ unhandledErrors: ["Error: x"], end: { kind: "unhandled", error: "Error: x" } });
    expect([...splitBatchRun(escaped, ["01-a", "02-b"], 5_000).values()]).toEqual([undefined, undefined]);
  });
});

import path from "node:path";
import type { MutantResult } from "@stryker-mutator/api/core";
import { describe, expect, test } from "vitest";
import { courseRoot } from "../src/exercises.ts";
import { ERROR_MESSAGE_REASON, isErrorMessage } from "../src/mutation/error-messages.ts";
import { strykerOptions } from "../src/mutation/options.ts";
import { describeSurvivors, formatTable, summarize } from "../src/mutation/summary.ts";

let nextId = 0;
function mutant(status: MutantResult["status"], more: Partial<MutantResult> = {}): MutantResult {
  return {
    id: String(nextId++),
    fileName: "src/semaphore.ts",
    mutatorName: "EqualityOperator",
    replacement: "permits <= 1",
    location: { start: { line: 9, column: 41 }, end: { line: 9, column: 52 } },
    status,
    ...more,
  } as MutantResult;
}

describe("mutation: the summary of one exercise", () => {
  test("counts a timeout as killed, no coverage as a survivor, and tells marked equivalents from excluded messages", () => {
    const row = summarize("05-semaphore", [
      mutant("Killed"),
      mutant("Killed"),
      mutant("Timeout"),
      mutant("Survived"),
      mutant("NoCoverage"),
      mutant("Ignored", { statusReason: "OptionalChaining: signal is there" }),
      mutant("Ignored", { statusReason: ERROR_MESSAGE_REASON }),
      mutant("CompileError"),
    ]);
    expect(row).toEqual({ id: "05-semaphore", mutants: 8, killed: 3, survived: 2, equivalent: 1, messages: 1, errors: 1, score: 60 });
  });

  test("scores 100 when nothing was left to kill", () => {
    expect(summarize("01-x", [mutant("Ignored", { statusReason: ERROR_MESSAGE_REASON })]).score).toBe(100);
  });

  test("lists each unmarked survivor with its place, its change and why it counts, and nothing else", () => {
    const lines = describeSurvivors(
      [
        mutant("Killed"),
        mutant("Survived", { testsCompleted: 10 }),
        mutant("NoCoverage", { fileName: "/course/solutions/05-x/src/map.ts", replacement: "{\n}" }),
      ],
      "/course/solutions/05-x",
    );
    expect(lines).toEqual([
      "src/semaphore.ts:9:41  EqualityOperator: permits <= 1  (every test passed (10 ran))",
      "src/map.ts:9:41  EqualityOperator: { }  (no test runs this code)",
    ]);
  });

  test("prints one aligned row per exercise and a total under several", () => {
    const rows = [
      summarize("01-event-loop", [mutant("Killed"), mutant("Survived")]),
      summarize("05-semaphore", [mutant("Killed"), mutant("Killed"), mutant("Killed")]),
    ];
    expect(formatTable(rows).split("\n")).toEqual([
      "exercise       mutants  killed  survived  equivalent  messages  errors    score",
      "01-event-loop        2       1         1           0         0       0   50.0 %",
      "05-semaphore         3       3         0           0         0       0  100.0 %",
      "total                5       4         1           0         0       0   80.0 %",
    ]);
    expect(formatTable(rows.slice(1)).split("\n"), "a single exercise needs no total").toHaveLength(2);
  });
});

describe("mutation: error messages excluded as a class", () => {
  const literal = (type: string) => ({ type });
  const inNew = (callee: string, node: { type: string }, args: unknown[] = [node]) => ({
    node,
    parentPath: { node: { type: "NewExpression", callee: { type: "Identifier", name: callee }, arguments: args }, parentPath: null },
  });

  test("ignores a string or template literal given to an error's constructor", () => {
    expect(isErrorMessage(inNew("RangeError", literal("TemplateLiteral")))).toBe(true);
    expect(isErrorMessage(inNew("TimeoutError", literal("StringLiteral")))).toBe(true);
    expect(isErrorMessage(inNew("Error", literal("StringLiteral")))).toBe(true);
  });

  test("mutates every other string, and what an error is made of besides its message", () => {
    expect(isErrorMessage(inNew("URL", literal("StringLiteral"))), "a string given to something other than an error").toBe(false);
    expect(isErrorMessage(inNew("RangeError", literal("Identifier"))), "a value, not a literal").toBe(false);
    expect(isErrorMessage(inNew("HttpError", literal("ObjectLiteral"))), "the options ({ cause })").toBe(false);
    expect(isErrorMessage({ node: literal("StringLiteral"), parentPath: null }), "a string on its own").toBe(false);
    const call = {
      node: literal("StringLiteral"),
      parentPath: { node: { type: "CallExpression", callee: { type: "Identifier", name: "makeError" }, arguments: [] }, parentPath: null },
    };
    expect(isErrorMessage(call), "a call, not a construction").toBe(false);
  });
});

describe("mutation: Stryker's options", () => {
  test("leave out, by name, the files Stryker cannot reach (10's worker file runs in worker threads)", () => {
    expect(strykerOptions("10-worker-parallelism", { concurrency: 1, force: false }).mutate).toEqual([
      "solutions/10-worker-parallelism/src/run-in-worker-pool.ts",
    ]);
  });

  const options = strykerOptions("05-semaphore", { concurrency: 2, force: false });

  test("never mutate in place, and keep sandboxes and reports out of the solutions", () => {
    expect(options.inPlace, "others read the references while a run goes on").toBe(false);
    expect(options.tempDirName).toBe(path.join(courseRoot, ".stryker-tmp", "05-semaphore"));
    expect(options.htmlReporter?.fileName).toBe(path.join(courseRoot, "reports", "mutation", "05-semaphore", "index.html"));
  });

  test("mutate the reference's src/ with coverage per test, the error-message ignorer on, at the concurrency asked", () => {
    expect(options.mutate).toEqual(["solutions/05-semaphore/src/map-concurrent.ts", "solutions/05-semaphore/src/semaphore.ts"]);
    expect(options.coverageAnalysis).toBe("perTest");
    expect(options.ignorers).toEqual(["error-messages"]);
    expect(options.concurrency).toBe(2);
  });
});

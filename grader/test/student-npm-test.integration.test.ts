// A student's `npm test` in an exercise (scripts/vitest.cjs): after vitest's
// report, a type check of the exercise as a section of its own, which never
// changes the exit code. Run on a copy of the fixture course's 01-answer laid
// out in the repository (so that vitest and the test kit resolve), as
// `node scripts/vitest.cjs run` is what its package.json's `test` runs.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { courseRoot } from "../src/exercises.ts";

const fixture = path.join(import.meta.dirname, "fixtures", "course");
const dir = path.join(courseRoot, ".course-check", `npm-test-${process.pid}-${Date.now().toString(36)}`, "01-answer");
const answer = path.join(dir, "src", "answer.ts");
const solution = readFileSync(path.join(fixture, "solutions", "01-answer", "src", "answer.ts"), "utf8");

beforeAll(() => {
  cpSync(path.join(fixture, "exercises", "01-answer"), dir, { recursive: true, filter: (from) => !from.includes("node_modules") });
  writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({ extends: path.join(courseRoot, "tsconfig.base.json"), include: ["src", "test", "vitest.config.ts"] }),
  );
  mkdirSync(path.join(dir, "src"), { recursive: true });
});
afterAll(async () => {
  rmSync(path.dirname(dir), { recursive: true, force: true });
  // The check's cache for this folder, which no later run will use.
  const { cacheBase } = (await import(path.join(courseRoot, "scripts", "typecheck.cjs"))) as { cacheBase: (dir: string) => string };
  for (const suffix of [".json", ".tsbuildinfo"]) rmSync(cacheBase(dir) + suffix, { force: true });
});

/** `npm test` in the folder, without npm (whose own lines are not what is tested here). */
const npmTest = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(courseRoot, "scripts", "vitest.cjs"), "run", ...args], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });

/** What follows vitest's summary (its Duration line, then a blank line). */
const afterSummary = (stdout: string) => stdout.slice(stdout.lastIndexOf("Duration")).split("\n").slice(2).join("\n");

describe("npm test in an exercise", () => {
  test("green tests with a type error: the tests' report, then the type errors as a section of their own; exit code 0", async () => {
    // Right, but `answers[0]` is `number | undefined` under noUncheckedIndexedAccess.
    writeFileSync(answer, solution.replace("return 42;", "const answers = [42];\n  const chosen: number = answers[0];\n  return chosen;"));
    const { status, stdout } = await npmTest();
    expect(stdout).toMatch(/Tests\s+3 passed \(3\)/);
    expect(status).toBe(0);
    const section = afterSummary(stdout);
    expect(section).toMatch(/^ Type check {2}✗/);
    expect(section).toContain(
      " Type check  ✗ 1 type error in src/ (the tests above ran as usual and decide the exit code; fix these too: the grader lists them)",
    );
    expect(section).toMatch(/\n {3}src\/answer\.ts:\d+:9 - error TS2322: Type 'number \| undefined' is not assignable to type 'number'\.\n/);
    expect(section).toContain(
      "noUncheckedIndexedAccess, so items[i] is T | undefined: check it (if, ??), or write items[i]! where you know it is there.",
    );
  }, 120_000);

  test("the same code again: the same section, from what the last check found", async () => {
    const { status, stdout } = await npmTest();
    expect(status).toBe(0);
    expect(afterSummary(stdout)).toMatch(/src\/answer\.ts:\d+:9 - error TS2322/);
  }, 120_000);

  test("the type error fixed, a test failing: no type errors, and the tests' failure is the exit code", async () => {
    writeFileSync(answer, solution.replace("return 42;", "return 41;"));
    const { status, stdout } = await npmTest();
    expect(stdout).toMatch(/Tests\s+1 failed \| 2 passed \(3\)/);
    expect(status).toBe(1);
    expect(afterSummary(stdout)).toBe(" Type check  ✓ no type errors in src/\n");
  }, 120_000);

  test("with a reporter of one's own (json): the section goes to stderr, and stdout is vitest's alone", async () => {
    const { stdout, stderr } = await npmTest("--reporter=json", "--reporter=dot");
    expect(stdout).not.toContain("Type check");
    expect(stderr).toContain(" Type check  ✓ no type errors in src/\n");
  }, 120_000);
});

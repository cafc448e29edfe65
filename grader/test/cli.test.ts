import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";

const grade = path.join(import.meta.dirname, "../bin/grade.js");
/** Runs the grade command; asynchronously, so that the cases run side by side. */
const run = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [grade, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      resolve({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });

describe.concurrent("the grade command refuses bad input in one line, without a stack trace", () => {
  const empty = mkdtempSync(path.join(tmpdir(), "grader-empty-"));
  test.each([
    [["--exercise", "99-nope"], /^grade: unknown exercise "99-nope": the exercises are 0\d-/],
    [["--submission", "/no/such/dir"], /^grade: no such directory: \/no\/such\/dir$/],
    [["--format", "yaml"], /^grade: unknown format "yaml": use one of pretty, json, classroom, junit, markdown$/],
    [["--submission", empty], /^grade: .* holds no exercises\/ folder and no exercise folders/],
    [["--colour"], /^grade: Unknown option '--colour' \(see --help\)$/],
    [["--jobs", "0"], /^grade: --jobs takes a whole number of 1 or more/],
    [["--out", "/no/such/dir/report.json"], /^grade: cannot write \/no\/such\/dir\/report.json: no such directory/],
  ])("%j", async (args, message) => {
    const result = await run(...args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  test("--help prints the usage and exits 0", async () => {
    const result = await run("--help");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run grade -- \[options\]/);
  });
});

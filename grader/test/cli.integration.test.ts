import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parseGradeArgs } from "../src/grade/options.ts";

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
  // Named by what each case gives (not by a temporary path): a test's name is the same on every run.
  test.each([
    [["--exercise", "99-nope"], /^grade: unknown exercise "99-nope": the exercises are 0\d-/],
    [["--submission", "/no/such/dir"], /^grade: no such directory: \/no\/such\/dir$/],
    [["--format", "yaml"], /^grade: unknown format "yaml": use one of pretty, json, classroom, junit, markdown, github, gradescope$/],
    [["--submission", "<an empty folder>"], /^grade: .* holds no exercises\/ folder and no exercise folders/],
    [["--colour"], /^grade: Unknown option '--colour' \(see --help\)$/],
    [["--jobs", "0"], /^grade: --jobs takes a whole number of 1 or more/],
    [["--out", "/no/such/dir/report.json"], /^grade: cannot write \/no\/such\/dir\/report.json: no such directory/],
    // One case of the rules for several formats (all of them: below, without a process each).
    [
      ["--format", "json", "--format", "github"],
      /^grade: only one format can go to the terminal, not json, github: give each other --format its --out FILE$/,
    ],
  ])("%j", async (args, message) => {
    const result = await run(...args.map((arg) => (arg === "<an empty folder>" ? empty : arg)));
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
    expect(result.stdout).toContain("--format FORMAT    pretty (default), json, classroom, junit, markdown, github or gradescope;");
  });
});

describe("several formats from one run", () => {
  const parse = (...args: string[]) => parseGradeArgs(args, 2).outputs;

  test("the i-th --out is the file of the i-th --format; a --format without one goes to the terminal", () => {
    expect(parse()).toEqual([{ format: "pretty" }]);
    expect(parse("--out", "a.txt")).toEqual([{ format: "pretty", out: "a.txt" }]);
    expect(parse("--format", "json")).toEqual([{ format: "json" }]);
    expect(parse("--out", "a.json", "--format", "json")).toEqual([{ format: "json", out: "a.json" }]);
    expect(parse("--format", "markdown", "--out", "s.md", "--format", "json", "--out", "g.json", "--format", "github")).toEqual([
      { format: "markdown", out: "s.md" },
      { format: "json", out: "g.json" },
      { format: "github" },
    ]);
    expect(parse("--format=classroom", "--out=r.b64", "--format", "classroom", "--out", "r2.b64")).toEqual([
      { format: "classroom", out: "r.b64" },
      { format: "classroom", out: "r2.b64" },
    ]);
  });

  test.each([
    [["--format", "json", "--format", "yaml", "--out", "a.json"], /^unknown format "yaml"/],
    [
      ["--format", "json", "--format", "github"],
      /^only one format can go to the terminal, not json, github: give each other --format its --out FILE$/,
    ],
    [
      ["--format", "json", "--out", "a.json", "--format", "junit", "--format", "github"],
      /^only one format can go to the terminal, not junit, github/,
    ],
    [["--out", "a.txt", "--out", "b.txt"], /^2 --out for 1 --format: each --out is the file of the --format in the same position$/],
    [["--format", "json", "--out", "a.json", "--format", "junit", "--out", "./a.json"], /^--out \.\/a\.json is given twice/],
    // Read as written, this --out is markdown's; by position it is github's: refused, not guessed.
    [
      ["--format", "github", "--format", "markdown", "--out", "summary.md"],
      /^--out summary\.md comes right after --format markdown but would be the file of --format github/,
    ],
    [
      ["--format", "json", "--format", "junit", "--out", "a.json", "--out", "b.xml"],
      /^--out a\.json comes right after --format junit but would be the file of --format json/,
    ],
  ])("%j is refused", (args, message) => {
    expect(() => parse(...args)).toThrow(message);
  });
});

test("one grading run writes every format asked for: each --out its --format's, the last format to the terminal", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "grader-formats-"));
  const json = path.join(dir, "grade.json");
  const summary = path.join(dir, "summary.md");
  const result = await run(
    "--exercise",
    "01-event-loop",
    "--format",
    "json",
    "--out",
    json,
    "--format",
    "markdown",
    "--out",
    summary,
    "--format",
    "github",
  );
  expect(result.status, result.stderr).toBe(0);
  const report = JSON.parse(readFileSync(json, "utf8"));
  const markdown = readFileSync(summary, "utf8");
  rmSync(dir, { recursive: true, force: true });
  expect(report).toMatchObject({ score: 0, exercises: [{ id: "01-event-loop", status: "fail" }] });
  const max: number = report.maxScore;
  expect(max).toBeGreaterThan(0);
  // The same run in each: the same points everywhere.
  expect(markdown).toMatch(new RegExp(`^## Grade: 0 / ${max}\n`));
  const lines = result.stdout.trimEnd().split("\n");
  expect(lines.slice(-2)).toEqual([
    `::notice title=Autograding complete::Points 0/${max}`,
    `::notice title=Autograding report::{"totalPoints":0,"maxPoints":${max}}`,
  ]);
  // The stub, untouched: one "not started" line, no failing test listed.
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  01-event-loop +0/${max}  not started$`)));
  expect(lines.filter((line) => line.startsWith("    ✗"))).toEqual([]);
});

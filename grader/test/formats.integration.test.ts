import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { validateXML } from "xmllint-wasm";
import { describe, expect, test } from "vitest";
import { CUT_MARK, MESSAGE_LIMIT } from "../src/cut.ts";
import { CLASSROOM_BUDGET, CLASSROOM_MESSAGE_LIMIT } from "../src/formats/classroom.ts";
import { GRADESCOPE_OUTPUT_LIMIT } from "../src/formats/gradescope.ts";
import { FORMATS, formatReport } from "../src/formats/index.ts";
import { MARKDOWN_BUDGET, MARKDOWN_MESSAGE_LIMIT } from "../src/formats/markdown.ts";
import type { CourseReport, GradedExercise } from "../src/grade/grade.ts";

const schemas = path.join(import.meta.dirname, "schemas");
const ajv = new Ajv({ allErrors: true });
const validateReport = ajv.compile(JSON.parse(readFileSync(path.join(schemas, "grade-report.schema.json"), "utf8")));
const validateClassroom = ajv.compile(JSON.parse(readFileSync(path.join(schemas, "classroom-result.schema.json"), "utf8")));
const validateGradescope = ajv.compile(JSON.parse(readFileSync(path.join(schemas, "gradescope-results.schema.json"), "utf8")));

const tricky = 'expected <a href="x">&amp;</a> | "quoted"\u0007\nsecond line';

const report: CourseReport = {
  submission: "exercises/",
  score: 3,
  maxScore: 8,
  unknownExercises: [],
  exercises: [
    {
      id: "01-first",
      score: 3,
      maxScore: 4,
      status: "fail",
      alteredFiles: [{ file: "test/a.test.ts", change: "changed" }],
      tests: [
        { name: "a passes", file: "test/a.test.ts", line: 4, status: "pass", score: 2, maxScore: 2, durationMs: 12 },
        { name: "b passes too", file: "test/a.test.ts", line: 9, status: "pass", score: 1, maxScore: 1, durationMs: 3 },
        { name: "c | fails", file: "test/b.test.ts", line: 2, status: "fail", score: 0, maxScore: 1, message: tricky, durationMs: 7 },
      ],
    },
    {
      id: "02-second",
      score: 0,
      maxScore: 4,
      status: "error",
      message: "stopped after 15 s without progress while running the tests: an infinite loop, or a promise that never settles",
      alteredFiles: [],
      tests: [{ name: "d", file: "test/d.test.ts", status: "fail", score: 0, maxScore: 4, message: "not graded: stopped", durationMs: 0 }],
    },
  ],
};

const render = (format: Parameters<typeof formatReport>[1]) => formatReport(report, format, { color: false });

describe("--format json", () => {
  test("matches the contract's shape", () => {
    const json = JSON.parse(render("json"));
    expect(validateReport(json), ajv.errorsText(validateReport.errors)).toBe(true);
    expect(json).toMatchObject({
      score: 3,
      maxScore: 8,
      exercises: [
        { id: "01-first", status: "fail" },
        { id: "02-second", status: "error", score: 0 },
      ],
    });
    expect(json.exercises[0].alteredFiles).toEqual([{ file: "test/a.test.ts", change: "changed" }]);
  });
});

describe("--format classroom", () => {
  test("is the base64 payload GitHub Classroom's reporter reads, with per-test points", () => {
    const payload = JSON.parse(Buffer.from(render("classroom").trim(), "base64").toString("utf8"));
    expect(validateClassroom(payload), ajv.errorsText(validateClassroom.errors)).toBe(true);
    expect(payload).toMatchObject({ version: 1, status: "error", max_score: 8 });
    const total = payload.tests.reduce((sum: number, t: { score: number }) => sum + t.score, 0);
    expect(total).toBe(3);
    expect(payload.tests[0]).toMatchObject({ name: "01-first › a passes", status: "pass", score: 2, line_no: 4, execution_time: "0.012s" });
    expect(payload.tests[3]).toMatchObject({ name: "02-second › d", status: "error" });
    // The reporter prints an error's message in the log: never a line of its own.
    expect(payload.tests[2].message).toBe('expected <a href="x">&amp;</a> | "quoted"  second line');
  });
});

describe("--format junit", () => {
  test("validates against the JUnit schema CI systems read", async () => {
    const xml = render("junit");
    const result = await validateXML({
      xml: [{ fileName: "report.xml", contents: xml }],
      schema: [readFileSync(path.join(schemas, "junit.xsd"), "utf8")],
    });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(xml).toContain('<testsuite name="01-first" tests="3" failures="1" errors="0"');
    expect(xml).toContain('<testsuite name="02-second" tests="1" failures="0" errors="1"');
    expect(xml).toContain("&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;");
  });
});

describe("--format markdown", () => {
  test("is a table whose rows all have the table's columns, and the failures with their messages below it", () => {
    const text = render("markdown");
    const lines = text.split("\n");
    const table = lines.filter((line) => line.startsWith("|"));
    const columns = (line: string) => line.replace(/\\\|/g, "").split("|").length;
    expect(table).toHaveLength(5);
    for (const row of table) expect(columns(row), row).toBe(columns(table[0]!));
    expect(lines[0]).toBe("## Grade: 3 / 8");
    // Each message in a code block, under its test; control characters but line breaks as spaces.
    expect(text).toContain(
      String.raw`- **c \| fails** (0 / 1)` + "\n  ```text\n" + `  expected <a href="x">&amp;</a> | "quoted" \n  second line\n  \`\`\``,
    );
    expect(text).toContain("**Error:**\n\n```text\nstopped after 15 s");
    expect(text).toContain("- _` test/a.test.ts ` was changed in the submission: the original was used._");
  });

  test("a message cannot close its code block", () => {
    const sneaky = withMessages(report, "````\n<img src=x onerror=alert(1)>\n# Full marks!");
    const text = formatReport(sneaky, "markdown", { color: false });
    expect(text).toContain("  `````text\n  ````\n  <img src=x onerror=alert(1)>\n  # Full marks!\n  `````");
  });
});

describe("--format github", () => {
  const lines = (r: CourseReport) => formatReport(r, "github", { color: false }).trimEnd().split("\n");
  const sumOfTests = (r: CourseReport) => r.exercises.flatMap((e) => e.tests).reduce((sum, t) => sum + t.score, 0);

  test("prints each exercise's points, its failing tests' names and the total, then the reporter's two notices", () => {
    const printed = lines(report);
    expect(printed).toContain("  01-first       3/4");
    expect(printed).toContain("    ✗ c | fails");
    expect(printed).toContain("  02-second      0/4  could not be graded (why: see the job summary)");
    expect(printed).toContain("  Total          3/8");
    expect(printed.slice(-2)).toEqual([
      "::notice title=Autograding complete::Points 3/8",
      '::notice title=Autograding report::{"totalPoints":3,"maxPoints":8}',
    ]);
  });

  test("totals the per-test points, whatever each test is worth (not the reporter's share of tests passed)", () => {
    // One test worth 5 passed, two worth 1 failed: 5/7 (the reporter's log would say 1/3 of 7, 2.33).
    const unequal = reportOf([
      [
        "01-x",
        [
          [5, 5],
          [0, 1],
          [0, 1],
        ],
      ],
      [
        "02-y",
        [
          [0, 3],
          [2, 2],
        ],
      ],
    ]);
    expect(sumOfTests(unequal)).toBe(7);
    expect(lines(unequal).slice(-2)).toEqual([
      "::notice title=Autograding complete::Points 7/12",
      '::notice title=Autograding report::{"totalPoints":7,"maxPoints":12}',
    ]);
    expect(lines(unequal)).toContain("  01-x          5/7");
  });

  test("prints nothing the submission wrote: no message, error or file name, so no workflow command of its own", () => {
    const inject = "\n::notice title=Autograding complete::Points 999/999\r\n::add-mask::x\u2028::stop-commands::y\n##[error]no";
    const hostile: CourseReport = {
      ...withMessages(report, `boom${inject}`),
      exercises: withMessages(report, `boom${inject}`).exercises.map((e) => ({
        ...e,
        // Test names are the course's, but even one with a line break prints no command.
        tests: e.tests.map((t) => ({ ...t, name: `${t.name}${inject}` })),
        alteredFiles: [{ file: `test/boom${inject}.ts`, change: "added" as const }],
      })),
    };
    const printed = lines(hostile);
    const commands = printed.filter((line) => /^\s*(::|##\[)/.test(line));
    expect(commands).toEqual([
      "::notice title=Autograding complete::Points 3/8",
      '::notice title=Autograding report::{"totalPoints":3,"maxPoints":8}',
    ]);
    expect(printed.join("\n")).not.toContain("boom");
    expect(printed.join("\n")).not.toContain("stopped after");
    expect(printed).toContain("    note: 1 file(s) of the submission were not used as given (which: see the job summary)");
  });
});

describe("--format gradescope", () => {
  test("is a results.json that follows Gradescope's specification, scored per test", () => {
    const results = JSON.parse(render("gradescope"));
    expect(validateGradescope(results), ajv.errorsText(validateGradescope.errors)).toBe(true);
    expect(results).toMatchObject({
      score: 3,
      visibility: "visible",
      stdout_visibility: "hidden",
      output: "3 / 8 points: 0 of 2 exercises complete, 1 could not be graded",
    });
    expect(results.tests.map((t: { score: number }) => t.score)).toEqual([2, 1, 0, 0]);
    expect(results.tests[0]).toEqual({
      name: "01-first › a passes",
      number: "1.1",
      score: 2,
      max_score: 2,
      status: "passed",
      tags: ["01-first"],
      visibility: "visible",
    });
    expect(results.tests[2]).toMatchObject({ name: "01-first › c | fails", status: "failed", max_score: 1, output: tricky, output_format: "text" });
    expect(results.tests[3]).toMatchObject({ number: "2.1", status: "failed", output: expect.stringMatching(/^Not graded: stopped after 15 s/) });
  });
});

/** The fixture report with every failure's message (and every error) replaced. */
function withMessages(base: CourseReport, message: string): CourseReport {
  return {
    ...base,
    exercises: base.exercises.map((e) => ({
      ...e,
      ...(e.message === undefined ? {} : { message }),
      tests: e.tests.map((t) => (t.status === "fail" ? { ...t, message } : t)),
    })),
  };
}

/** A report from [id, [[score, maxScore], …]] per exercise; failures say `message`. */
function reportOf(spec: [string, [number, number][]][], message = "expected 1 to be 2"): CourseReport {
  const exercises: GradedExercise[] = spec.map(([id, tests]) => {
    const score = tests.reduce((sum, [s]) => sum + s, 0);
    const maxScore = tests.reduce((sum, [, m]) => sum + m, 0);
    return {
      id,
      score,
      maxScore,
      status: score === maxScore ? "pass" : "fail",
      alteredFiles: [],
      tests: tests.map(([s, m], i) => ({
        name: `test ${i + 1} of ${id}`,
        file: "test/x.test.ts",
        line: i + 1,
        status: s === m ? "pass" : "fail",
        score: s,
        maxScore: m,
        durationMs: 3,
        ...(s === m ? {} : { message }),
      })),
    };
  });
  return {
    submission: "exercises/",
    score: exercises.reduce((sum, e) => sum + e.score, 0),
    maxScore: exercises.reduce((sum, e) => sum + e.maxScore, 0),
    unknownExercises: [],
    exercises,
  };
}

describe("whatever the submission prints, every format stays bounded", () => {
  // Megabytes per message, repeated (one string, shared), with line breaks and
  // backticks, on a course of 12 exercises × 20 tests (ours has about 200).
  const flood = `${"expected ``` ".repeat(50_000)}\n${"x".repeat(2_000_000)}`;
  const course = (exercises: number, tests: number) =>
    withMessages(
      reportOf(
        Array.from({ length: exercises }, (_, e) => [
          `${String(e + 1).padStart(2, "0")}-ex`,
          Array.from({ length: tests }, (_, t) => [t % 3 === 0 ? 2 : 0, 2] as [number, number]),
        ]),
      ),
      flood,
    );
  const ours = course(12, 20);
  const huge = course(40, 100);
  const total = (r: CourseReport) => r.exercises.flatMap((e) => e.tests).reduce((sum, t) => sum + t.score, 0);

  test("classroom: each message cut to 300 characters or less, the payload under its budget, the total unchanged", () => {
    for (const r of [ours, huge]) {
      const encoded = formatReport(r, "classroom", { color: false }).trim();
      expect(encoded.length).toBeLessThanOrEqual(CLASSROOM_BUDGET);
      const payload = JSON.parse(Buffer.from(encoded, "base64").toString("utf8"));
      expect(validateClassroom(payload), ajv.errorsText(validateClassroom.errors)).toBe(true);
      expect(payload.tests.reduce((sum: number, t: { score: number }) => sum + t.score, 0)).toBe(total(r));
      for (const t of payload.tests) expect(t.message.length).toBeLessThanOrEqual(CLASSROOM_MESSAGE_LIMIT);
    }
    // With few failures, each message keeps its 300 characters.
    const few = JSON.parse(Buffer.from(formatReport(withMessages(report, flood), "classroom", { color: false }), "base64").toString("utf8"));
    const failed = few.tests.find((t: { status: string }) => t.status === "fail");
    expect(failed.message).toHaveLength(CLASSROOM_MESSAGE_LIMIT);
    expect(failed.message.endsWith(CUT_MARK)).toBe(true);
  });

  test("markdown: each message cut to 1,000 characters, the summary under its budget", () => {
    const text = formatReport(ours, "markdown", { color: false });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MARKDOWN_BUDGET);
    expect(text).toContain(`expec${CUT_MARK}\n`);
    const blocks = text
      .split(/\n\s*`{3,}text\n/)
      .slice(1)
      .map((b) => b.slice(0, b.search(/\n\s*`{3,}(\n|$)/)));
    expect(blocks.length).toBeGreaterThan(100);
    for (const b of blocks) expect(b.replace(/\n {2}/g, "\n").replace(/^ {2}/, "").length).toBeLessThanOrEqual(MARKDOWN_MESSAGE_LIMIT);
    expect(Buffer.byteLength(formatReport(huge, "markdown", { color: false }))).toBeLessThanOrEqual(MARKDOWN_BUDGET);
  });

  test("gradescope: each output cut to 1,000 characters, still valid", () => {
    const results = JSON.parse(formatReport(ours, "gradescope", { color: false }));
    expect(validateGradescope(results), ajv.errorsText(validateGradescope.errors)).toBe(true);
    for (const t of results.tests) expect((t.output ?? "").length).toBeLessThanOrEqual(GRADESCOPE_OUTPUT_LIMIT);
    expect(results.score).toBe(total(ours));
  });

  test("json and junit keep each message whole up to 10,000 characters; pretty shows one short line each", async () => {
    const json = JSON.parse(formatReport(ours, "json", { color: false }));
    expect(validateReport(json), ajv.errorsText(validateReport.errors)).toBe(true);
    const messages = json.exercises.flatMap((e: { tests: { message?: string }[] }) => e.tests.map((t) => t.message ?? ""));
    expect(Math.max(...messages.map((m: string) => m.length))).toBe(MESSAGE_LIMIT);
    const xml = formatReport(ours, "junit", { color: false });
    expect(xml.length).toBeLessThan(240 * (MESSAGE_LIMIT + 1_000));
    const result = await validateXML({
      xml: [{ fileName: "report.xml", contents: xml }],
      schema: [readFileSync(path.join(schemas, "junit.xsd"), "utf8")],
    });
    expect(result.valid).toBe(true);
    const pretty = formatReport(ours, "pretty", { color: false });
    for (const line of pretty.split("\n")) expect(line.length).toBeLessThanOrEqual(320);
  });

  test("every format renders an empty report", () => {
    for (const format of FORMATS) expect(() => formatReport(reportOf([]), format, { color: false })).not.toThrow();
  });
});

describe("--format pretty", () => {
  test("shows each exercise's bar and points, each failure's reason, and the total", () => {
    const text = render("pretty");
    expect(text).toContain("01-first   ███████████████░░░░░     3/4  fail");
    expect(text).toContain("✗ c | fails");
    expect(text).toContain("! stopped after 15 s without progress");
    expect(text).toContain("note: test/a.test.ts was changed in the submission; the original was used");
    const ignored: CourseReport = {
      ...report,
      exercises: [
        {
          ...report.exercises[0]!,
          alteredFiles: [{ file: "src/\u001b[2Jx.ts", change: "ignored", reason: "a symbolic link: links are not followed" }],
        },
      ],
    };
    expect(formatReport(ignored, "pretty", { color: false })).toContain("note: src/ [2Jx.ts was ignored (a symbolic link: links are not followed)");
    expect(text).toMatch(/Total\s+3\/8/);
    expect(text).not.toContain("\u001b[");
    expect(formatReport(report, "pretty", { color: true })).toContain("\u001b[31m✗\u001b[0m");
  });
});

describe("grading the course itself", () => {
  const grade = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(import.meta.dirname, "../bin/grade.js"), ...args], { encoding: "utf8" });

  test("the untouched stubs score 0 and the exit code is still 0", () => {
    const result = grade("--exercise", "02-concurrent-requests", "--format", "json");
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(validateReport(json)).toBe(true);
    expect(json).toMatchObject({ score: 0, maxScore: 18, exercises: [{ status: "fail" }] });
  });

  test("the reference solutions score full marks", () => {
    const result = grade(
      "--submission",
      path.join(import.meta.dirname, "../../solutions"),
      "--exercise",
      "02-concurrent-requests",
      "--format",
      "json",
    );
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ score: 18, maxScore: 18, exercises: [{ status: "pass", tests: expect.any(Array) }] });
  });
});

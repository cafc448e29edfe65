import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { validateXML } from "xmllint-wasm";
import { describe, expect, test } from "vitest";
import { formatReport } from "../src/formats/index.ts";
import type { CourseReport } from "../src/grade/grade.ts";

const schemas = path.join(import.meta.dirname, "schemas");
const ajv = new Ajv({ allErrors: true });
const validateReport = ajv.compile(JSON.parse(readFileSync(path.join(schemas, "grade-report.schema.json"), "utf8")));
const validateClassroom = ajv.compile(JSON.parse(readFileSync(path.join(schemas, "classroom-result.schema.json"), "utf8")));

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
      tests: [
        { name: "d", file: "test/d.test.ts", status: "fail", score: 0, maxScore: 4, message: "not graded: stopped", durationMs: 0 },
      ],
    },
  ],
};

const render = (format: Parameters<typeof formatReport>[1]) => formatReport(report, format, { color: false });

describe("--format json", () => {
  test("matches the contract's shape", () => {
    const json = JSON.parse(render("json"));
    expect(validateReport(json), ajv.errorsText(validateReport.errors)).toBe(true);
    expect(json).toMatchObject({ score: 3, maxScore: 8, exercises: [{ id: "01-first", status: "fail" }, { id: "02-second", status: "error", score: 0 }] });
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
  });
});

describe("--format junit", () => {
  test("validates against the JUnit schema CI systems read", async () => {
    const xml = render("junit");
    const result = await validateXML({ xml: [{ fileName: "report.xml", contents: xml }], schema: [readFileSync(path.join(schemas, "junit.xsd"), "utf8")] });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(xml).toContain('<testsuite name="01-first" tests="3" failures="1" errors="0"');
    expect(xml).toContain('<testsuite name="02-second" tests="1" failures="0" errors="1"');
    expect(xml).toContain("&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;");
  });
});

describe("--format markdown", () => {
  test("is a table whose rows all have the table's columns, and the failures below it", () => {
    const lines = render("markdown").split("\n");
    const table = lines.filter((line) => line.startsWith("|"));
    const columns = (line: string) => line.replace(/\\\|/g, "").split("|").length;
    expect(table).toHaveLength(5);
    for (const row of table) expect(columns(row), row).toBe(columns(table[0]!));
    expect(lines[0]).toBe("## Grade: 3 / 8");
    expect(lines).toContain(String.raw`- **c \| fails**: expected <a href="x">&amp;</a> \| "quoted"` + "\u0007");
    expect(lines.join("\n")).toContain("**Error:** stopped after 15 s");
  });
});

describe("--format pretty", () => {
  test("shows each exercise's bar and points, each failure's reason, and the total", () => {
    const text = render("pretty");
    expect(text).toContain("01-first   ███████████████░░░░░     3/4  fail");
    expect(text).toContain("✗ c | fails");
    expect(text).toContain("! stopped after 15 s without progress");
    expect(text).toContain("note: test/a.test.ts was changed in the submission; the original was used");
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
    const result = grade("--submission", path.join(import.meta.dirname, "../../solutions"), "--exercise", "02-concurrent-requests", "--format", "json");
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ score: 18, maxScore: 18, exercises: [{ status: "pass", tests: expect.any(Array) }] });
  });
});

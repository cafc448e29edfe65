// npm run class on the fixture class of twelve students (fixtures/class/build-class.ts):
// grades, reports, clusters, flags, the cache, shards and their merge, and the command line.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { analyseClass } from "../src/class/analysis.ts";
import { gradeClass } from "../src/class/class-run.ts";
import { readClassroomScores } from "../src/class/classroom-scores.ts";
import { parseCsv } from "../src/class/csv.ts";
import { gradesCsv } from "../src/class/grades-csv.ts";
import { mergeClassReports, missingShards } from "../src/class/merge.ts";
import { protectedChanges } from "../src/class/protected-files.ts";
import type { ClassReport } from "../src/class/types.ts";
import { buildClass, type FixtureClass } from "./fixtures/class/build-class.ts";

const run = promisify(execFile);
const work = mkdtempSync(path.join(tmpdir(), "class-test-"));
const cacheDir = path.join(work, "cache");
let fixture: FixtureClass;
let report: ClassReport;

const student = (r: ClassReport, name: string) => r.students.find((s) => s.name === name)!;
const exercise = (r: ClassReport, name: string, id: string) => student(r, name).report!.exercises.find((e) => e.id === id)!;

beforeAll(async () => {
  fixture = buildClass(path.join(work, "fixture"));
  report = await gradeClass({
    classDir: fixture.classDir,
    course: fixture.course,
    template: fixture.template,
    classroom: readClassroomScores(fixture.classroomCsv),
    cacheDir,
    jobs: 2,
  });
}, 600_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("a class of twelve", () => {
  test("grades.csv: a row per student, their folder's name first, a column per exercise and the total", () => {
    expect(parseCsv(gradesCsv(report))).toEqual([
      ["Student", "SIS Login ID", "Section", "01-answer", "02-echo", "Total"],
      ["ada", "ada", "", "4", "3", "7"],
      ["bob", "bob", "", "4", "3", "7"],
      ["cy", "cy", "", "0", "0", "0"],
      ["dee", "dee", "", "2", "3", "5"],
      ["eve", "eve", "", "2", "3", "5"],
      ["fay", "fay", "", "3", "1", "4"],
      ["gus", "gus", "", "3", "3", "6"],
      ["hal", "hal", "", "0", "3", "3"],
      ["ivy", "ivy", "", "0", "3", "3"],
      ["jo", "jo", "", "4", "1", "5"],
      // Not a submission: nothing to import, rather than a guessed 0.
      ["kai", "kai", "", "", "", ""],
      ["lee", "lee", "", "2", "1", "3"],
    ]);
  });

  test("a hostile student's exercise is that exercise's error, and the rest of the class and of their work is graded", () => {
    expect(exercise(report, "hal", "01-answer")).toMatchObject({ status: "error", score: 0, message: expect.stringMatching(/process\.exit/) });
    expect(exercise(report, "hal", "02-echo")).toMatchObject({ status: "pass", score: 3 });
  });

  test("a folder that is no submission is that student's error, saying why", () => {
    expect(student(report, "kai")).toMatchObject({
      status: "error",
      message: expect.stringMatching(/holds no exercises\/ folder and no exercise folders/),
    });
  });

  test("identical src/ folders are graded once: nine distinct exercises for eleven students, each student's in one vitest run", () => {
    expect(report.graded).toBe(9);
    expect(report.reused).toBe(13);
    // ada, cy and fay bring two new exercises each (one batch each); dee, gus and hal one
    // (hal's process.exit is told apart in its run, so nothing is graded again alone).
    expect(report.vitestRuns).toBe(6);
  });

  test("clusters: students failing the same tests, named by the known wrong way they match, or unknown with their signature", () => {
    const [answer, echo] = analyseClass(report);
    expect(answer).toMatchObject({ id: "01-answer", graded: 11, fullMarks: 3, notStarted: 2, errors: [{ student: "hal" }] });
    expect(answer!.clusters.map((c) => ({ name: c.name, failed: c.failed, students: c.students }))).toEqual([
      { name: "answers-at-once", failed: ["answer thinks for exactly 1000 ms"], students: ["dee", "eve", "lee"] },
      { name: "never-rejects", failed: ["answer rejects a negative question with an AnswerError"], students: ["fay"] },
      { name: "unknown", failed: ["answer resolves with 42"], students: ["gus"] },
    ]);
    expect(answer!.clusters[0]!.explanation).toMatch(/^the answer comes before any thinking/);
    expect(answer!.mostFailed[0]).toEqual({ test: "answer thinks for exactly 1000 ms", students: 3 });
    expect(echo!.clusters).toEqual([expect.objectContaining({ name: "echoes-at-once", students: ["fay", "jo", "lee"] })]);
    expect(echo).toMatchObject({ fullMarks: 7, notStarted: 1 });
  });

  test("each test keeps the virtual time its work took (the test kit's figures): the reference thinks for 1000 ms, answers-at-once for none", () => {
    const thinking = (name: string) => exercise(report, name, "01-answer").tests.find((t) => t.name === "answer thinks for exactly 1000 ms")!;
    expect(thinking("ada")).toMatchObject({ status: "pass", figures: { makespanMs: 1000 } });
    for (const name of ["dee", "eve", "lee"]) expect(thinking(name)).toMatchObject({ status: "fail", figures: { makespanMs: 0 } });
    // No mocked API in this course: no requests, no peak.
    expect(thinking("ada").figures).toEqual({ makespanMs: 1000 });
  });

  test("flags every protected file that differs from the template, and a Classroom score the regrade does not confirm", () => {
    expect(student(report, "ivy").protectedChanges).toEqual([
      { file: ".github/workflows/classroom.yml", change: "changed" },
      { file: "exercises/01-answer/test/answer.test.ts", change: "changed" },
    ]);
    expect(student(report, "ivy").classroomMismatch).toEqual({ classroom: 7, classroomMax: 7, regrade: 3, regradeMax: 7 });
    // Same points in Classroom as here, and nothing protected touched: no flag.
    for (const name of ["ada", "bob", "cy"]) {
      expect(student(report, name).protectedChanges, name).toEqual([]);
      expect(student(report, name).classroomMismatch, name).toBeUndefined();
    }
    expect(student(report, "dee").classroomMissing).toBe(true);
  });

  test("with a template, every file a student should not edit counts (added tests, a deleted workflow, the root's config), never their src/ or notes", () => {
    const dir = path.join(work, "protected");
    cpSync(path.join(fixture.classDir, "ada"), dir, { recursive: true });
    writeFileSync(path.join(dir, "exercises", "01-answer", "test", "extra.test.ts"), "// more tests\n");
    rmSync(path.join(dir, ".github", "workflows", "classroom.yml"));
    writeFileSync(path.join(dir, "package.json"), '{ "name": "mine" }\n');
    writeFileSync(path.join(dir, "exercises", "01-answer", "src", "helper.ts"), "export const x = 1;\n");
    writeFileSync(path.join(dir, "NOTES.md"), "my notes\n");
    writeFileSync(path.join(dir, "exercises", "02-echo", "vitest.config.ts"), "export default {};\n");
    expect(protectedChanges(dir, [], fixture.course, fixture.template)).toEqual([
      { file: ".github/workflows/classroom.yml", change: "deleted" },
      { file: "exercises/01-answer/test/extra.test.ts", change: "added" },
      { file: "exercises/02-echo/vitest.config.ts", change: "changed" },
      { file: "package.json", change: "changed" },
    ]);
    // Without a template, the exercises' own configuration is still compared with the course's.
    expect(protectedChanges(dir, [{ id: "02-echo", score: 0, maxScore: 0, status: "fail", tests: [], alteredFiles: [] }], fixture.course)).toEqual([
      { file: "exercises/02-echo/vitest.config.ts", change: "changed" },
    ]);
  });

  test("re-run with one submission changed: only that one is graded again, the rest comes from the cache", async () => {
    const changed = path.join(work, "changed");
    const copy = buildClass(changed);
    writeFileSync(
      path.join(copy.classDir, "bob", "02-echo", "src", "echo.ts"),
      "export async function echo(text: string): Promise<string> {\n  return text;\n}\n",
    );
    const again = await gradeClass({ classDir: copy.classDir, course: copy.course, cacheDir, jobs: 2 });
    expect(again.graded).toBe(1);
    expect(exercise(again, "bob", "02-echo")).toMatchObject({ score: 1, knownMistake: { name: "echoes-at-once" } });
    expect(gradesCsv({ ...again, students: again.students.filter((s) => s.name !== "bob") })).toBe(
      gradesCsv({ ...report, students: report.students.filter((s) => s.name !== "bob") }),
    );
  }, 300_000);

  test("shards: every student in exactly one, and their merge is the whole class's report", async () => {
    const shards = await Promise.all(
      [1, 2, 3].map(async (index) => ({
        file: `shard ${index}`,
        report: await gradeClass({ classDir: fixture.classDir, course: fixture.course, cacheDir, jobs: 1, shard: { index, count: 3 } }),
      })),
    );
    expect(shards.map((s) => s.report.graded)).toEqual([0, 0, 0]);
    expect(shards.flatMap((s) => s.report.students.map((x) => x.name)).sort()).toEqual(report.students.map((s) => s.name));
    const merged = mergeClassReports(shards);
    expect(missingShards(merged)).toEqual([]);
    expect(gradesCsv(merged)).toBe(gradesCsv(report));
    expect(missingShards(mergeClassReports(shards.slice(0, 2)))).toEqual(["3/3"]);
    expect(() => mergeClassReports([shards[0]!, shards[0]!])).toThrow(/is in both shard 1 and shard 1: each student belongs to one shard/);
  }, 300_000);
});

describe("npm run class", () => {
  const cli = path.join(import.meta.dirname, "..", "bin", "class.js");

  test("writes grades.csv, class.json and report.html into --out, and sums up the class", async () => {
    const out = path.join(work, "out");
    const { stdout } = await run(process.execPath, [
      cli,
      fixture.classDir,
      "--course",
      fixture.course,
      "--cache",
      cacheDir,
      "--out",
      out,
      "--template",
      fixture.template,
      "--classroom",
      fixture.classroomCsv,
    ]);
    expect(stdout).toMatch(/^class: 12 students \(1 not gradable\); 0 exercises graded in 0 vitest runs, 22 results reused/);
    expect(stdout).toContain("01-answer                    full marks 3/11, 1 error; answers-at-once: 3 students; never-rejects: 1 student");
    expect(stdout).toContain("flagged: ivy");
    expect(readFileSync(path.join(out, "grades.csv"), "utf8")).toBe(gradesCsv(report));
    expect(JSON.parse(readFileSync(path.join(out, "class.json"), "utf8"))).toMatchObject({
      format: "course-class-report",
      students: expect.arrayContaining([expect.objectContaining({ name: "ivy" })]),
    });
    expect(readFileSync(path.join(out, "report.html"), "utf8")).toMatch(/^<!doctype html>/);
  }, 120_000);

  test.each([
    [["--shard", "3/2", "x"], /^class: --shard must be i\/n with 1 ≤ i ≤ n, e\.g\. --shard 2\/4 \(got 3\/2\)\n$/],
    [[path.join(work, "nowhere")], /^class: no such class folder: .*nowhere \(give the folder holding one folder per student\)\n$/],
    [["--jobs", "0", "x"], /^class: --jobs must be a whole number of at least 1 \(got 0\)\n$/],
    [["--bogus"], /^class: Unknown option '--bogus'.*\(see npm run class -- --help\)\n$/],
  ])("refuses %j in one line, with exit code 2", async (args, message) => {
    const failure = await run(process.execPath, [cli, ...args]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(message);
  });
});

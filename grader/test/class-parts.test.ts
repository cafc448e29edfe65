// The class run's small parts: CSV, shards, progress, Classroom's export, the course version.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { classroomScoreOf, readClassroomScores, scoreMismatch } from "../src/class/classroom-scores.ts";
import { csvField, csvRows, parseCsv } from "../src/class/csv.ts";
import { courseVersion, srcDigest } from "../src/class/fingerprint.ts";
import { progressLine, timeLeft } from "../src/class/progress.ts";
import { mayBeTheMachine } from "../src/class/result-cache.ts";
import { inShard, parseShard, shardOf } from "../src/class/students.ts";
import type { GradedExercise } from "../src/grade/grade.ts";

const work = mkdtempSync(path.join(tmpdir(), "class-parts-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("CSV", () => {
  test("quotes a field holding a comma, a quote or a line break, doubling quotes; rows end in CRLF", () => {
    expect(csvRows([["a,b", 'say "hi"', "two\nlines", 3]])).toBe('"a,b","say ""hi""","two\nlines",3\r\n');
  });

  test("a name a spreadsheet would run as a formula stays text", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("-1+1")).toBe("'-1+1");
    expect(csvField(-1)).toBe("-1");
  });

  test("parses what it writes, and a file with a BOM and LF line ends", () => {
    const rows = [
      ["Student", "x,y"],
      ['q"uote', "two\nlines"],
    ];
    expect(parseCsv(csvRows(rows))).toEqual(rows);
    expect(parseCsv("\uFEFFa,b\n1,2\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });
});

describe("shards", () => {
  const students = Array.from({ length: 40 }, (_, i) => ({ name: `student-${i}`, dir: "" }));

  test("every student is in exactly one shard, and the shard depends on their name only", () => {
    const shards = [1, 2, 3, 4].map((index) => inShard(students, { index, count: 4 }).map((s) => s.name));
    expect(shards.flat().sort()).toEqual(students.map((s) => s.name).sort());
    expect(shards.every((s) => s.length > 0)).toBe(true);
    // Adding a student moves nobody else.
    const more = [...students, { name: "late-student", dir: "" }];
    expect(
      inShard(more, { index: 2, count: 4 })
        .filter((s) => s.name !== "late-student")
        .map((s) => s.name),
    ).toEqual(shards[1]);
    expect(shardOf("student-7", 4)).toBe(shardOf("student-7", 4));
  });

  test("--shard must be i/n with 1 ≤ i ≤ n", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    for (const bad of ["0/4", "5/4", "1/0", "2", "a/b"]) expect(() => parseShard(bad), bad).toThrow(/--shard must be i\/n/);
  });
});

describe("progress", () => {
  test("the time left is the pace so far times the work left", () => {
    expect(timeLeft({ done: 0, total: 10, elapsedMs: 5_000 })).toBe("estimating time left…");
    expect(timeLeft({ done: 2, total: 10, elapsedMs: 30_000 })).toBe("~2 min 00 s left");
    expect(timeLeft({ done: 9, total: 10, elapsedMs: 9_000 })).toBe("~1 s left");
    expect(timeLeft({ done: 10, total: 10, elapsedMs: 9_000 })).toBe("done");
  });

  test("a bar of the share done", () => {
    expect(progressLine({ done: 5, total: 10, elapsedMs: 10_000 }, 10)).toBe("[#####-----]  5/10 exercises graded  ~10 s left");
    expect(progressLine({ done: 0, total: 0, elapsedMs: 0 }, 4)).toBe("[####] 0/0 exercises graded  done");
  });
});

describe("Classroom's grades export", () => {
  const header =
    "assignment_name,assignment_url,starter_code_url,github_username,roster_identifier,student_repository_name,student_repository_url,submission_timestamp,points_awarded,points_available";
  const file = path.join(work, "grades.csv");
  writeFileSync(file, `${header}\nhw,u,,Octo-Cat,o@x,hw-Octo-Cat,u,t,12,20\nhw,u,,ada,a@x,hw-ada,u,t,20,20\n`);

  test("a student's folder is matched by repository name, by GitHub username, or by a name ending in -username", () => {
    const scores = readClassroomScores(file);
    expect(classroomScoreOf("hw-octo-cat", scores)?.githubUsername).toBe("Octo-Cat");
    expect(classroomScoreOf("ada", scores)?.pointsAwarded).toBe(20);
    expect(classroomScoreOf("async-course-ada", scores)?.githubUsername).toBe("ada");
    expect(classroomScoreOf("bob", scores)).toBeUndefined();
  });

  test("a mismatch is Classroom's points or maximum differing from the regrade's", () => {
    const [octo] = readClassroomScores(file);
    expect(scoreMismatch(octo, 12, 20)).toBeUndefined();
    expect(scoreMismatch(octo, 10, 20)).toEqual({ classroom: 12, classroomMax: 20, regrade: 10, regradeMax: 20 });
    expect(scoreMismatch(octo, 12, 22)).toEqual({ classroom: 12, classroomMax: 20, regrade: 12, regradeMax: 22 });
    expect(scoreMismatch(undefined, 12, 20)).toBeUndefined();
  });

  test("a file without Classroom's score columns is refused, naming them", () => {
    const other = path.join(work, "other.csv");
    writeFileSync(other, "name,score\nada,3\n");
    expect(() => readClassroomScores(other)).toThrow(
      /is not a GitHub Classroom grades export: it needs the columns github_username, points_awarded \(missing: github_username, points_awarded\)/,
    );
  });
});

describe("the cache's key and what it keeps", () => {
  test("a src/ digest changes with any file's content or name, and not with where the folder is", () => {
    const a = path.join(work, "a");
    const b = path.join(work, "b");
    for (const dir of [a, b]) cpSync(path.join(import.meta.dirname, "fixtures", "course", "solutions", "02-echo", "src"), dir, { recursive: true });
    expect(srcDigest(a)).toBe(srcDigest(b));
    writeFileSync(path.join(b, "echo.ts"), "// changed\n", { flag: "a" });
    expect(srcDigest(a)).not.toBe(srcDigest(b));
    expect(srcDigest(undefined)).toBe("no-src");
  });

  test("the course version changes when the exercise's tests change", () => {
    const course = path.join(work, "course");
    cpSync(path.join(import.meta.dirname, "fixtures", "course"), course, { recursive: true });
    const before = courseVersion("02-echo", course);
    expect(courseVersion("01-answer", course)).not.toBe(before);
    const copy = path.join(work, "course2");
    cpSync(course, copy, { recursive: true });
    writeFileSync(path.join(copy, "exercises", "02-echo", "test", "echo.test.ts"), "// changed\n", { flag: "a" });
    expect(courseVersion("02-echo", copy)).not.toBe(before);
  });

  test("an error that may be the machine's (time, memory, a crashed run) is graded again; the code's own is kept", () => {
    const error = (message: string, cutShort?: boolean) =>
      ({
        id: "x",
        score: 0,
        maxScore: 1,
        status: "error",
        message,
        tests: [],
        alteredFiles: [],
        ...(cutShort ? { cutShort } : {}),
      }) as GradedExercise;
    expect(mayBeTheMachine(error("stopped after 20 s without progress while running x", true))).toBe(true);
    expect(mayBeTheMachine(error("the test run's process was killed (SIGKILL) while running x", true))).toBe(true);
    expect(mayBeTheMachine(error("a syntax error at src/x.ts:3:4: Expected ;"))).toBe(false);
    // The words do not decide: a message the code chose cannot make its result be graded again.
    expect(mayBeTheMachine(error("stopped the test run's process"))).toBe(false);
  });
});

describe("the class workflow (class-workflow/grade-class.yml)", () => {
  test("grades one shard per matrix job with npm run class --shard i/n, then merges their class.json with npm run class:merge", async () => {
    const { parse } = await import("yaml");
    const { readFileSync } = await import("node:fs");
    const workflow = parse(readFileSync(path.join(import.meta.dirname, "..", "class-workflow", "grade-class.yml"), "utf8")) as {
      jobs: Record<string, { needs?: string; strategy?: { matrix: { shard: string } }; steps: { run?: string }[] }>;
    };
    const runs = (job: string) => workflow.jobs[job]!.steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(workflow.jobs.grade!.strategy!.matrix.shard).toBe("${{ fromJSON(needs.submissions.outputs.shards) }}");
    expect(runs("grade")).toContain(
      'npm run class -- submissions --shard "${{ matrix.shard }}/${{ inputs.shards }}" --out "class-report-${{ matrix.shard }}"',
    );
    expect(workflow.jobs.merge!.needs).toBe("grade");
    expect(runs("merge")).toContain("npm run class:merge -- --out class-report shards/*/class.json");
    const scripts = (
      JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "..", "package.json"), "utf8")) as { scripts: Record<string, string> }
    ).scripts;
    expect(Object.keys(scripts)).toEqual(expect.arrayContaining(["class", "class:merge"]));
  });
});

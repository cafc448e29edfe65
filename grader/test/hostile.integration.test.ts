import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { exerciseDir, solutionDir } from "../src/exercises.ts";
import { gradeCourse, type CourseReport, type GradedExercise } from "../src/grade/grade.ts";
import { stageSubmittedSrc } from "../src/grade/stage.ts";
import { foldersMarked, orphanProcesses } from "./support/hostile-traces.ts";

const fixtures = path.join(import.meta.dirname, "fixtures");
/** A course of two small exercises: real exercises on the real kit, cheap to grade many times. */
const course = path.join(fixtures, "course");
const TARGET = "01-answer";
/** Another exercise, graded in the same run from its reference solution: it must keep full marks. */
const BYSTANDER = "02-echo";

interface Case {
  /** A folder of fixtures/hostile/, laid over the reference solution (or a submission made by `make`). */
  fixture: string;
  status: "error" | "fail" | "pass";
  message?: RegExp;
  /** The most it may score: what the same code earns honestly, or 0. */
  atMost: number;
  /** Graded test for test exactly like the reference solution, or the untouched stub. */
  like?: "reference" | "stub";
  /** Makes the submission in `dir` itself, instead of a folder of fixtures/hostile/. */
  make?: (dir: string) => void;
  /**
   * Grade a bystander exercise in the same run: for one attack of each kind on
   * the run itself (a loop, a hang, a killed process), which must stay that
   * exercise's error.
   */
  bystander?: true;
}

const cases: Case[] = [
  { fixture: "loop-at-import", status: "error", message: /without progress while (loading or )?running .*infinite loop/, atMost: 0, bystander: true },
  { fixture: "loop-in-function", status: "error", message: /without progress while (loading or )?running .*infinite loop/, atMost: 0 },
  { fixture: "never-settles-at-import", status: "error", message: /promise that never settles/, atMost: 0, bystander: true },
  { fixture: "process-exit", status: "error", message: /called process\.exit\(\)/, atMost: 0 },
  { fixture: "throws-at-import", status: "error", message: /boom at import/, atMost: 0 },
  { fixture: "syntax-error", status: "error", message: /^a syntax error at .*answer\.ts:3:\d+: /, atMost: 0 },
  { fixture: "unhandled-rejection", status: "error", message: /unhandled rejection.*nobody catches me/, atMost: 0 },
  { fixture: "kills-worker", status: "error", message: /crashed worker|unhandled rejection/, atMost: 0, bystander: true },
  // Honestly, the code under these earns 2/4 (answers at once) or 0/4 (a stub).
  { fixture: "patches-timers", status: "fail", atMost: 2 },
  { fixture: "patches-vi", status: "error", message: /changed the test tools/, atMost: 0 },
  { fixture: "patches-expect", status: "error", message: /changed the test tools/, atMost: 0 },
  { fixture: "imports-vitest", status: "error", message: /imports "vitest": code under test may not use the test tools/, atMost: 0 },
  { fixture: "patches-testkit", status: "error", message: /imports "@course\/testkit"/, atMost: 0 },
  { fixture: "prints-fake-results", status: "fail", atMost: 0 },
  { fixture: "edits-given-file", status: "fail", atMost: 3 },
  // The course's TypeScript settings, whatever the submission holds (their answers depend on them).
  { fixture: "no-tsconfig", status: "pass", atMost: 4, like: "reference" },
  { fixture: "hostile-tsconfig", status: "pass", atMost: 4, like: "reference" },
  // Nothing of the grader's environment: this one answers only if it can read GRADER_TEST_SECRET.
  { fixture: "reads-environment", status: "fail", atMost: 0, like: "stub" },
  // A link to the reference's answer.ts, in place of the file: not followed, so the stub's answer.ts is used.
  {
    fixture: "links-to-reference",
    status: "fail",
    atMost: 0,
    like: "stub",
    make: (dir) => {
      const src = path.join(dir, TARGET, "src");
      cpSync(path.join(solutionDir(TARGET, course), "src"), src, { recursive: true });
      rmSync(path.join(src, "answer.ts"));
      symlinkSync(path.join(solutionDir(TARGET, course), "src", "answer.ts"), path.join(src, "answer.ts"));
    },
  },
  // The sandbox (src/run/sandbox.ts): files, processes, resources.
  { fixture: "reads-solution", status: "fail", atMost: 0, like: "stub" },
  { fixture: "rewrites-course", status: "fail", atMost: 0, like: "stub" },
  { fixture: "writes-outside", status: "fail", atMost: 0, like: "stub" },
  { fixture: "spawns-detached", status: "fail", atMost: 0 },
  { fixture: "kills-grader", status: "fail", atMost: 0, like: "stub", bystander: true },
  // Stopped by whichever limit its flood reaches first: the CPU it burns, or the memory its unread output fills
  // (this machine has done each: which one comes first is the machine's speed, not the grader's choice).
  {
    fixture: "floods-output",
    status: "error",
    message: /computing without progress|more than \d+ MB of memory: data that only grows, or output kept without end/,
    atMost: 0,
    bystander: true,
  },
  { fixture: "allocates-memory", status: "error", message: /more than \d+ MB of memory/, atMost: 0, bystander: true },
  // What the others are compared with.
  {
    fixture: "reference",
    status: "pass",
    atMost: 4,
    make: (dir) => cpSync(path.join(solutionDir(TARGET, course), "src"), path.join(dir, TARGET, "src"), { recursive: true }),
  },
  { fixture: "stub", status: "fail", atMost: 0, make: () => {} },
];

const work = mkdtempSync(path.join(tmpdir(), "grader-hostile-"));
const reports = new Map<string, CourseReport>();

/**
 * A submission: the reference solution of the target with the fixture's files
 * on top (its src/ and anything beside it), and the bystander's.
 */
function submissionFor({ fixture, make }: Case): string {
  const dir = path.join(work, fixture);
  if (make) make(dir);
  else {
    cpSync(path.join(solutionDir(TARGET, course), "src"), path.join(dir, TARGET, "src"), { recursive: true });
    cpSync(path.join(fixtures, "hostile", fixture, TARGET), path.join(dir, TARGET), { recursive: true });
  }
  cpSync(path.join(solutionDir(BYSTANDER, course), "src"), path.join(dir, BYSTANDER, "src"), { recursive: true });
  return dir;
}

/** A secret of the grader's environment, as a token in CI: no run may see it. */
const SECRET = "GRADER_TEST_SECRET";

/** Every file of a folder, with a hash of its content: what "nothing on disk changed" compares. */
function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const rel of readdirSync(root, { recursive: true, encoding: "utf8" }).sort()) {
    if (rel.split(path.sep).includes("node_modules")) continue;
    try {
      files[rel] = createHash("sha256")
        .update(readFileSync(path.join(root, rel)))
        .digest("hex");
    } catch {
      files[rel] = "(folder)";
    }
  }
  return files;
}
const courseBefore = snapshot(course);
/** The grader's own memory, sampled while it grades every fixture. */
let peakRssMb = 0;

beforeAll(async () => {
  process.env[SECRET] = "s3cret";
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, process.memoryUsage().rss / 2 ** 20)), 100);
  // The hangs are started first: most of the time goes to waiting for them to
  // be noticed, and the other lanes grade the rest meanwhile.
  const queue = [...cases].sort((a, b) => Number(b.bystander ?? false) - Number(a.bystander ?? false));
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const submission = submissionFor(next);
      const exercises = next.bystander ? [TARGET, BYSTANDER] : [TARGET];
      // A loop is caught by the CPU it burns: 6 s of it is plenty for these
      // exercises (an honest run spends at most about 2.5 s before its first
      // result: vitest's start, and a process per test file), and a run merely
      // starved by a busy machine burns little. And 1 GB of memory, of which an
      // honest run of these holds a third: one that only allocates reaches it
      // long before it has computed for 6 s.
      // (Silence is not shortened: on a loaded machine a healthy run can be quiet for long.)
      reports.set(next.fixture, await gradeCourse({ submission, course, exercises, jobs: 2, limits: { busyMs: 6_000, memoryMb: 1_024 } }));
    }
  };
  await Promise.all([lane(), lane(), lane()]);
  clearInterval(sampler);
}, 600_000);

afterAll(() => {
  delete process.env[SECRET];
  rmSync(work, { recursive: true, force: true });
});

/** An exercise's grading, test by test, as a student would compare two. */
const outcome = (e: GradedExercise) => ({ status: e.status, score: e.score, tests: e.tests.map((t) => [t.name, t.status, t.score]) });
const target = (fixture: string) => reports.get(fixture)!.exercises.find((e) => e.id === TARGET)!;

describe("a hostile submission", () => {
  /* eslint-disable course/no-conditional-expect -- a case's optional checks (message, a score of 0, like) apply to the cases that set them, and every case also asserts its status unconditionally */
  test.each(cases)("$fixture is graded as $status and earns nothing it did not earn", ({ fixture, status, message, atMost, like }) => {
    const graded = target(fixture);
    expect(graded.status, graded.message).toBe(status);
    expect(graded.score).toBeLessThanOrEqual(atMost);
    if (message) expect(graded.message).toMatch(message);
    if (status === "error") expect(graded.score).toBe(0);
    expect(graded.maxScore).toBe(4);
    if (like) expect(outcome(graded)).toEqual(outcome(target(like)));
  });
  /* eslint-enable course/no-conditional-expect */

  test("that rewrites a file the exercise gives is graded with the original, and the report says so", () => {
    expect(target("edits-given-file").alteredFiles).toEqual([{ file: "src/answer-error.ts", change: "changed" }]);
  });

  test("that brings TypeScript settings or links is graded without them, and the report says so", () => {
    expect(target("hostile-tsconfig").alteredFiles).toEqual([
      { file: "src/tsconfig.json", change: "ignored", reason: "a configuration file: the course's own settings are used" },
    ]);
    expect(target("links-to-reference").alteredFiles).toEqual([
      { file: "src/answer.ts", change: "ignored", reason: "a symbolic link: links are not followed" },
    ]);
    expect(target("no-tsconfig").alteredFiles).toEqual([]);
  });

  test("that the grader had to stop is marked as cut short (a class run grades it again); one that called process.exit() is not", () => {
    expect(target("loop-in-function").cutShort).toBe(true);
    expect(target("process-exit").cutShort).toBeUndefined();
  });

  test("that loops, hangs or kills its process leaves the other exercises of the submission graded normally", () => {
    for (const { fixture } of cases.filter((c) => c.bystander)) {
      const other = reports.get(fixture)!.exercises.find((e) => e.id === BYSTANDER)!;
      expect(other.status, `${BYSTANDER} in the same run as ${fixture}: ${other.message ?? "no message"}`).toBe("pass");
      expect(other.score).toBe(other.maxScore);
    }
  });
});

describe("the sandbox: what a submission's code cannot reach", () => {
  test("no file of the course changed, whatever the runs tried to rewrite", () => {
    expect(snapshot(course)).toEqual(courseBefore);
  });

  test("no file was left outside the runs' own folders", () => {
    expect(foldersMarked()).toEqual([]);
  });

  test.runIf(process.platform === "linux")("no process the runs started outlives them", () => {
    expect(orphanProcesses()).toEqual([]);
  });

  test("the grader's own memory stayed bounded while runs printed and allocated without end", () => {
    // Measured: about 150 MB; a grader that kept what runs print grew past 2 GB.
    expect(peakRssMb).toBeLessThan(600);
  });
});

describe("a submission's src/ is copied, never run in place", () => {
  const pristine = exerciseDir(TARGET, course);

  test("its regular files only, beside the course's own tsconfig.json and module type", () => {
    const dir = path.join(work, "staged", TARGET);
    const src = path.join(dir, "src");
    mkdirSync(path.join(src, "nested"), { recursive: true });
    writeFileSync(path.join(src, "answer.ts"), "export const a = 1;\n");
    writeFileSync(path.join(src, "nested", "more.ts"), "export const b = 2;\n");
    writeFileSync(path.join(src, "package.json"), '{ "type": "commonjs" }\n');
    writeFileSync(path.join(src, "nested", "tsconfig.json"), "{}\n");
    symlinkSync("/etc/hostname", path.join(src, "secret.ts"));
    symlinkSync(path.join(solutionDir(TARGET, course), "src"), path.join(src, "linked"));
    if (process.platform !== "win32") execFileSync("mkfifo", [path.join(src, "pipe.ts")]);
    const staged = stageSubmittedSrc({ root: path.join(work, "staged"), ids: [TARGET] }, TARGET, pristine);
    try {
      expect(staged.src).toBe(path.join(path.dirname(staged.src!), "src"));
      expect(path.basename(path.dirname(staged.src!))).toBe(TARGET);
      expect(readFileSync(path.join(staged.src!, "nested", "more.ts"), "utf8")).toBe("export const b = 2;\n");
      const copy = path.dirname(staged.src!);
      expect(JSON.parse(readFileSync(path.join(copy, "tsconfig.json"), "utf8"))).toEqual({
        extends: path.join(pristine, "tsconfig.json"),
        include: ["src"],
        exclude: [],
      });
      expect(JSON.parse(readFileSync(path.join(copy, "package.json"), "utf8"))).toEqual({ private: true, type: "module" });
      expect(staged.ignored.map((i) => i.file).sort()).toEqual(
        [
          "src/linked",
          "src/nested/tsconfig.json",
          "src/package.json",
          "src/secret.ts",
          ...(process.platform === "win32" ? [] : ["src/pipe.ts"]),
        ].sort(),
      );
      staged.remove();
      expect(() => readFileSync(path.join(staged.src!, "answer.ts"))).toThrow();
    } finally {
      staged.remove();
    }
  });

  test("an exercise without a tsconfig.json of its own gets the transform's defaults, spelled out", () => {
    const staged = stageSubmittedSrc({ root: path.join(work, "staged"), ids: [TARGET] }, TARGET, exerciseDir(BYSTANDER, course));
    try {
      expect(JSON.parse(readFileSync(path.join(path.dirname(staged.src!), "tsconfig.json"), "utf8"))).toEqual({
        compilerOptions: { target: "ESNext" },
        include: ["src"],
        exclude: [],
      });
    } finally {
      staged.remove();
    }
  });

  test("a src/ that is a link is not followed: the stub is graded, and the report says so", () => {
    const root = path.join(work, "linked-src");
    mkdirSync(path.join(root, TARGET), { recursive: true });
    symlinkSync(path.join(solutionDir(TARGET, course), "src"), path.join(root, TARGET, "src"));
    const staged = stageSubmittedSrc({ root, ids: [TARGET] }, TARGET, pristine);
    expect(staged.src).toBeUndefined();
    expect(staged.ignored).toEqual([{ file: "src", change: "ignored", reason: "a symbolic link: links are not followed" }]);
  });
});

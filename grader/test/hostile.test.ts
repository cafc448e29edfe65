import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { solutionDir } from "../src/exercises.ts";
import { gradeCourse, type CourseReport } from "../src/grade/grade.ts";

const fixtures = path.join(import.meta.dirname, "fixtures");
/** A course of two small exercises: real exercises on the real kit, cheap to grade many times. */
const course = path.join(fixtures, "course");
const TARGET = "01-answer";
/** Another exercise, graded in the same run from its reference solution: it must keep full marks. */
const BYSTANDER = "02-echo";

interface Case {
  fixture: string;
  status: "error" | "fail";
  message?: RegExp;
  /** The most it may score: what the same code earns honestly, or 0. */
  atMost: number;
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
];

const work = mkdtempSync(path.join(tmpdir(), "grader-hostile-"));
const reports = new Map<string, CourseReport>();

/** A submission: the reference solution of the target with the fixture's files on top, and the bystander's. */
function submissionFor(fixture: string): string {
  const dir = path.join(work, fixture);
  cpSync(path.join(solutionDir(TARGET, course), "src"), path.join(dir, TARGET, "src"), { recursive: true });
  cpSync(path.join(fixtures, "hostile", fixture, TARGET, "src"), path.join(dir, TARGET, "src"), { recursive: true });
  cpSync(path.join(solutionDir(BYSTANDER, course), "src"), path.join(dir, BYSTANDER, "src"), { recursive: true });
  return dir;
}

beforeAll(async () => {
  // The hangs are started first: most of the time goes to waiting for them to
  // be noticed, and the other lanes grade the rest meanwhile.
  const queue = [...cases].sort((a, b) => Number(b.bystander ?? false) - Number(a.bystander ?? false));
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const submission = submissionFor(next.fixture);
      const exercises = next.bystander ? [TARGET, BYSTANDER] : [TARGET];
      // A loop is caught by the CPU it burns: 3 s of it is plenty for these
      // exercises, and a run merely starved by a busy machine burns little.
      // (Silence is not shortened: on a loaded machine a healthy run can be quiet for long.)
      reports.set(next.fixture, await gradeCourse({ submission, course, exercises, jobs: 2, limits: { busyMs: 3_000 } }));
    }
  };
  await Promise.all([lane(), lane(), lane()]);
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("a hostile submission", () => {
  test.each(cases)("$fixture is graded as $status and earns nothing it did not earn", ({ fixture, status, message, atMost }) => {
    const report = reports.get(fixture)!;
    const target = report.exercises.find((e) => e.id === TARGET)!;
    expect(target.status).toBe(status);
    expect(target.score).toBeLessThanOrEqual(atMost);
    if (message) expect(target.message).toMatch(message);
    if (status === "error") expect(target.score).toBe(0);
    expect(target.maxScore).toBe(4);
  });

  test("that rewrites a file the exercise gives is graded with the original, and the report says so", () => {
    const target = reports.get("edits-given-file")!.exercises.find((e) => e.id === TARGET)!;
    expect(target.alteredFiles).toEqual([{ file: "src/answer-error.ts", change: "changed" }]);
  });

  test("that loops, hangs or kills its process leaves the other exercises of the submission graded normally", () => {
    for (const { fixture } of cases.filter((c) => c.bystander)) {
      const other = reports.get(fixture)!.exercises.find((e) => e.id === BYSTANDER)!;
      expect(other.status, `${BYSTANDER} in the same run as ${fixture}: ${other.message ?? "no message"}`).toBe("pass");
      expect(other.score).toBe(other.maxScore);
    }
  });
});

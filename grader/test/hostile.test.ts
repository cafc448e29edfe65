import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { solutionDir } from "../src/exercises.ts";
import { gradeCourse, type CourseReport } from "../src/grade/grade.ts";

const TARGET = "02-concurrent-requests";
const fixtures = path.join(import.meta.dirname, "fixtures");
/** Another exercise, graded in the same run from its reference solution: it must keep full marks. */
const BYSTANDER = "05-semaphore";

interface Case {
  fixture: string;
  status: "error" | "fail";
  message?: RegExp;
  /** The most it may score: what the same code earns honestly, or 0. */
  atMost: number;
  /**
   * Grade a bystander exercise in the same run: for the attacks on the run
   * itself (hangs, exits, crashes), which must stay that exercise's error.
   */
  bystander?: true;
}

const cases: Case[] = [
  { fixture: "loop-at-import", status: "error", message: /without progress while (loading or )?running .*infinite loop/, atMost: 0, bystander: true },
  { fixture: "loop-in-function", status: "error", message: /without progress while (loading or )?running .*infinite loop/, atMost: 0, bystander: true },
  { fixture: "never-settles-at-import", status: "error", message: /promise that never settles/, atMost: 0, bystander: true },
  { fixture: "process-exit", status: "error", message: /called process\.exit\(\)/, atMost: 0, bystander: true },
  { fixture: "throws-at-import", status: "error", message: /boom at import/, atMost: 0 },
  { fixture: "syntax-error", status: "error", message: /^a syntax error at .*fetch-json\.ts:3:\d+: /, atMost: 0 },
  { fixture: "unhandled-rejection", status: "error", message: /unhandled rejection.*nobody catches me/, atMost: 0, bystander: true },
  { fixture: "kills-worker", status: "error", message: /crashed worker|unhandled rejection/, atMost: 0, bystander: true },
  // Honestly, the code under these earns 10/18 (awaits in a loop) or 7/18 (a stub).
  { fixture: "patches-timers", status: "error", atMost: 10 },
  { fixture: "patches-vi", status: "error", message: /changed the test tools/, atMost: 0 },
  { fixture: "patches-expect", status: "error", message: /changed the test tools/, atMost: 0 },
  { fixture: "imports-vitest", status: "error", message: /imports "vitest": code under test may not use the test tools/, atMost: 0 },
  { fixture: "patches-testkit", status: "error", message: /imports "@course\/testkit"/, atMost: 0 },
  { fixture: "prints-fake-results", status: "fail", atMost: 7 },
  { fixture: "edits-given-file", status: "fail", atMost: 14 },
];

const work = mkdtempSync(path.join(tmpdir(), "grader-hostile-"));
const reports = new Map<string, CourseReport>();

/** A submission: the reference solution of 02 with the fixture's files on top, and a bystander's solution. */
function submissionFor(fixture: string): string {
  const dir = path.join(work, fixture);
  cpSync(path.join(solutionDir(TARGET), "src"), path.join(dir, TARGET, "src"), { recursive: true });
  cpSync(path.join(fixtures, fixture, TARGET, "src"), path.join(dir, TARGET, "src"), { recursive: true });
  cpSync(path.join(solutionDir(BYSTANDER), "src"), path.join(dir, BYSTANDER, "src"), { recursive: true });
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
      // A loop is caught by the CPU it burns: 3 s of it is plenty for 02's and 05's tests.
      reports.set(next.fixture, await gradeCourse({ submission, exercises, jobs: 2, limits: { busyMs: 3_000 } }));
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
    expect(target.maxScore).toBe(18);
  });

  test("that rewrites a file the exercise gives is graded with the original, and the report says so", () => {
    const target = reports.get("edits-given-file")!.exercises.find((e) => e.id === TARGET)!;
    expect(target.alteredFiles).toEqual([{ file: "src/http-error.ts", change: "changed" }]);
  });

  test("that hangs, exits or crashes leaves the other exercises of the submission graded normally", () => {
    for (const { fixture } of cases.filter((c) => c.bystander)) {
      const other = reports.get(fixture)!.exercises.find((e) => e.id === BYSTANDER)!;
      expect(other.status, `${BYSTANDER} in the same run`).toBe("pass");
      expect(other.score).toBe(other.maxScore);
    }
  });
});

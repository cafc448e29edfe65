// The batch (src/run/batch.ts): a submission's exercises graded in one vitest
// run keep every containment a run of their own has. The sandbox's attacks of
// fixtures/hostile, each batched with a bystander exercise: the attack earns
// nothing, the bystander keeps full marks, and only what cannot be told apart
// in the batch (a hang) is graded again alone.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { solutionDir } from "../src/exercises.ts";
import { gradeCourse, type CourseReport } from "../src/grade/grade.ts";
import { batchGroups } from "../src/run/batch.ts";
import { foldersMarked, orphanProcesses } from "./support/hostile-traces.ts";

const fixtures = path.join(import.meta.dirname, "fixtures");
const course = path.join(fixtures, "course");
const TARGET = "01-answer";
const BYSTANDER = "02-echo";
const work = mkdtempSync(path.join(tmpdir(), "grader-batch-"));
const reports = new Map<string, CourseReport>();

interface Case {
  fixture: string;
  status: "pass" | "fail" | "error";
  message?: RegExp;
  /** vitest runs: 1 when the batch told every exercise apart; 3 when both were graded again alone. */
  runs: number;
}

const cases: Case[] = [
  // Each earns points only if its attack works: in a test process with vitest's own
  // permissions (threads, or forks without the narrower flags) it would. (The
  // environment's allow-list and the PID namespace are the run's, batch or not:
  // hostile.integration.test.ts proves them.)
  { fixture: "writes-outside", status: "fail", runs: 1 },
  { fixture: "reads-solution", status: "fail", runs: 1 },
  { fixture: "spawns-detached", status: "fail", runs: 1 },
  { fixture: "patches-vi", status: "error", message: /changed the test tools/, runs: 1 },
  { fixture: "process-exit", status: "error", message: /called process\.exit\(\)/, runs: 1 },
  { fixture: "syntax-error", status: "error", message: /^a syntax error at .*answer\.ts:3:\d+: /, runs: 1 },
  { fixture: "loop-at-import", status: "error", message: /without progress while (loading or )?running .*infinite loop/, runs: 3 },
  { fixture: "reference", status: "pass", runs: 1 },
];

beforeAll(async () => {
  const queue = [...cases];
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const dir = path.join(work, next.fixture);
      cpSync(path.join(solutionDir(TARGET, course), "src"), path.join(dir, TARGET, "src"), { recursive: true });
      if (next.fixture !== "reference") cpSync(path.join(fixtures, "hostile", next.fixture, TARGET), path.join(dir, TARGET), { recursive: true });
      cpSync(path.join(solutionDir(BYSTANDER, course), "src"), path.join(dir, BYSTANDER, "src"), { recursive: true });
      reports.set(
        next.fixture,
        await gradeCourse({ submission: dir, course, exercises: [TARGET, BYSTANDER], jobs: 2, limits: { busyMs: 6_000, memoryMb: 1_024 } }),
      );
    }
  };
  await Promise.all([lane(), lane()]);
}, 900_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("a batch of two exercises, one of them hostile", () => {
  test("the fixture course's two exercises share a batch: same grants, the standard config", () => {
    expect(batchGroups([TARGET, BYSTANDER], course)).toEqual([[TARGET, BYSTANDER]]);
  });

  /* eslint-disable course/no-conditional-expect -- a case's optional checks (message, a score of 0) apply to the cases that set them, and every case also asserts its status unconditionally */
  test.each(cases)(
    "$fixture: graded as $status in $runs vitest run(s), earning nothing it did not earn; the bystander keeps full marks",
    ({ fixture, status, message, runs }) => {
      const report = reports.get(fixture)!;
      const target = report.exercises.find((e) => e.id === TARGET)!;
      const bystander = report.exercises.find((e) => e.id === BYSTANDER)!;
      expect(target.status, target.message).toBe(status);
      if (status !== "pass") expect(target.score).toBe(0);
      if (message) expect(target.message).toMatch(message);
      expect(bystander.status, bystander.message).toBe("pass");
      expect(bystander.score).toBe(3);
      expect(report.vitestRuns).toBe(runs);
    },
  );
  /* eslint-enable course/no-conditional-expect */

  test("nothing was left outside the runs, and no process outlives them", () => {
    expect(foldersMarked()).toEqual([]);
    if (process.platform !== "linux") return;
    expect(orphanProcesses()).toEqual([]);
  });
});

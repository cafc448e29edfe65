// A batch: several exercises of one submission graded in ONE vitest run (one
// start of vitest, one sandbox, one copy of the compile cache) instead of one
// run each. Each exercise is a project of its own, with its own src/ laid over
// its own stub, and the same containment as a single run: every test file in
// a fresh process (forks, isolate) with the test processes' narrower
// permissions, set on each project (a project's own config would otherwise
// choose threads, as the kit's does for a student's fast runs).
//
// Only exercises asking the same sandbox grants share a run (10's workers and
// 11's temporary files never reach the others), and only exercises whose
// vitest.config.ts is the course's standard one (the batch builds each
// project from the kit's exerciseConfig, as that file does). Whatever in a
// batch cannot be told apart per exercise (a hang, a crash, an error outside
// any test) makes the grader run those exercises one by one instead
// (grade/grade.ts): a batch saves time, never containment.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { exerciseDir } from "../exercises.ts";
import { endOfCompletedRun, wasCutShort } from "./end-reason.ts";
import type { RunResult } from "./run-result.ts";
import { exerciseGrants } from "./sandbox.ts";

/** The vitest.config.ts every exercise of the course has (CONTRIBUTING.md): the only one a batch can stand in for. */
const STANDARD_CONFIG = 'import { exerciseConfig } from "@course/testkit/config";\n\nexport default exerciseConfig(import.meta.dirname);\n';

function hasStandardConfig(exerciseDir: string): boolean {
  try {
    return readFileSync(path.join(exerciseDir, "vitest.config.ts"), "utf8").replace(/\r\n/g, "\n") === STANDARD_CONFIG;
  } catch {
    return false;
  }
}

interface BatchProject {
  /** The run's copy of the exercise. */
  exerciseDir: string;
  /** Its staged src/ folders, first wins. */
  srcDirs: readonly string[];
}

interface BatchSettings {
  /** The test processes' Node flags (sandbox.ts). */
  testFlags: readonly string[];
  testTimeoutMs: number;
}

/** Writes the batch's vitest config into the run's copy of the course; returns its path. */
export function writeBatchConfig(courseDir: string, projects: readonly BatchProject[], settings: BatchSettings): string {
  const file = path.join(courseDir, "vitest.batch.config.mjs");
  const containment = {
    pool: "forks",
    isolate: true,
    execArgv: settings.testFlags,
    silent: true,
    testTimeout: settings.testTimeoutMs,
    hookTimeout: settings.testTimeoutMs,
  };
  writeFileSync(
    file,
    `// Written by the grader (run/batch.ts) for one batch run.
import { exerciseConfig } from "@course/testkit/config";

const containment = ${JSON.stringify(containment)};
const project = (dir, overlays) => {
  const config = exerciseConfig(dir, overlays);
  return { ...config, test: { ...config.test, ...containment, name: dir.split(/[\\\\/]/).pop() } };
};

export default { test: { ...containment, projects: [
${projects.map((p) => `  project(${JSON.stringify(p.exerciseDir)}, ${JSON.stringify(p.srcDirs)}),`).join("\n")}
] } };
`,
  );
  return file;
}

/**
 * A batch run as the run of each exercise: its tests' results, collected
 * tests and module errors (paths made relative to the exercise again, as a
 * single run reports them), and its own end reason (a test of its own out of
 * `testTimeoutMs`, the batch's limit for one test). Undefined for an exercise
 * whose run cannot be told apart from the others': the whole batch was
 * stopped or crashed, an error escaped every test, or nothing of the exercise
 * was reported at all.
 */
export function splitBatchRun(run: RunResult, ids: readonly string[], testTimeoutMs: number): Map<string, RunResult | undefined> {
  const split = new Map<string, RunResult | undefined>();
  const whole = !wasCutShort(run.end) && run.unhandledErrors.length === 0;
  for (const id of ids) {
    const prefix = `exercises/${id}/`;
    const own = <T extends { file: string }>(items: readonly T[]) =>
      items
        .filter((item) => item.file.split(path.sep).join("/").startsWith(prefix))
        .map((item) => ({ ...item, file: item.file.split(path.sep).join("/").slice(prefix.length).split("/").join(path.sep) }));
    const reported = { collected: own(run.collected), results: own(run.results), moduleErrors: own(run.moduleErrors), unhandledErrors: [] };
    const result: RunResult = { ...reported, end: endOfCompletedRun(reported, testTimeoutMs), output: run.output, durationMs: run.durationMs };
    split.set(id, whole && (result.results.length > 0 || result.moduleErrors.length > 0) ? result : undefined);
  }
  return split;
}

/**
 * The exercises, grouped into batches: those with the standard config and the
 * same sandbox grants together (in the order given), every other one alone.
 */
export function batchGroups(ids: readonly string[], course: string): string[][] {
  const groups = new Map<string, string[]>();
  const alone: string[][] = [];
  for (const id of ids) {
    const dir = exerciseDir(id, course);
    if (!hasStandardConfig(dir)) {
      alone.push([id]);
      continue;
    }
    const key = [...exerciseGrants(dir)].sort().join(",");
    groups.set(key, [...(groups.get(key) ?? []), id]);
  }
  return [...groups.values(), ...alone];
}

// npm run bench: how long the course's commands take on this machine, as wall
// time and as a multiple of vitest's floor (one trivial test file, no config).
// Figures are printed, never asserted: speed goals are met here, not in tests.
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { cpus } from "node:os";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { courseRoot, solutionDir } from "../exercises.ts";
import { benchClass } from "./bench-class.ts";

// --quick: the floor, a student's npm test and grading only; not the cold course
// check, which takes minutes and empties the caches everyone's checks use, nor the class of 100.
const { values } = parseArgs({
  options: {
    repeat: { type: "string", default: "3" },
    exercise: { type: "string", default: "02-concurrent-requests" },
    quick: { type: "boolean", default: false },
  },
});
const repeat = Number(values.repeat);
const exercise = values.exercise;

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const bin = (name: string) => path.join(courseRoot, "node_modules", ".bin", name);

/** Runs a command `times` times and returns the median wall time in seconds. */
function measure(label: string, command: string, args: string[], options: SpawnSyncOptions, times = repeat): number {
  const walls: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = process.hrtime.bigint();
    const run = spawnSync(command, args, {
      stdio: "ignore",
      ...options,
      env: { ...process.env, FORCE_COLOR: "0", TURBO_TELEMETRY_DISABLED: "1", ...options.env },
    });
    walls.push(Number(process.hrtime.bigint() - started) / 1e9);
    if (run.error) throw new Error(`${label}: ${run.error.message}`);
  }
  walls.sort((a, b) => a - b);
  return walls[Math.floor(walls.length / 2)]!;
}

// The floor: vitest itself, one trivial test file, no config (vitest 5 looks
// for none above the folder). Inside the repository, so that "vitest" resolves.
const floorDir = path.join(courseRoot, "node_modules", ".cache", "bench-floor");
rmSync(floorDir, { recursive: true, force: true });
mkdirSync(floorDir, { recursive: true });
writeFileSync(path.join(floorDir, "package.json"), '{ "type": "module" }\n');
writeFileSync(path.join(floorDir, "floor.test.ts"), 'import { expect, test } from "vitest";\n\ntest("one", () => expect(1).toBe(1));\n');

const out = mkdtempSync(path.join(tmpdir(), "course-bench-"));
console.log(`bench: ${cpus().length} cores, node ${process.version}; median of ${repeat} runs (the course check: 1 run)\n`);
const rows: [string, number][] = [];
const row = (label: string, seconds: number) => {
  rows.push([label, seconds]);
  const floor = rows[0]![1];
  console.log(`${label.padEnd(64)} ${seconds.toFixed(2).padStart(7)} s  ${(seconds / floor).toFixed(1).padStart(5)}× floor`);
};

row("vitest's floor: one trivial test file (vitest run)", measure("floor", bin("vitest"), ["run"], { cwd: floorDir }));
// A student's checkout of the exercise, solved: the exercise with the reference's files in its src/.
// Two folders deep, as in exercises/: its scripts and tsconfig.json reach the root with ../../.
const solved = path.join(courseRoot, ".course-check", `bench-${exercise}`);
rmSync(solved, { recursive: true, force: true });
cpSync(path.join(courseRoot, "exercises", exercise), solved, { recursive: true, filter: (from) => !from.includes("node_modules") });
cpSync(path.join(solutionDir(exercise), "src"), path.join(solved, "src"), { recursive: true });
row(`a student's npm test in exercises/${exercise}, solved`, measure("npm test", npm, ["test"], { cwd: solved }));
row(
  "grading a whole submission (npm run grade -- --submission solutions)",
  measure(
    "grade",
    process.execPath,
    [
      path.join(courseRoot, "grader", "bin", "grade.js"),
      "--submission",
      path.join(courseRoot, "solutions"),
      "--format",
      "json",
      "--out",
      path.join(out, "grade.json"),
    ],
    { cwd: courseRoot },
  ),
);
if (!values.quick) {
  // Cold, as in a fresh clone: no turbo, course-check, compile, lint (TypeScript's) or ESLint
  // cache, and no vitest results (the durations vitest orders test files by).
  for (const cache of ["course-check", "node-compile-cache", "turbo", "lint", "eslint"])
    rmSync(path.join(courseRoot, "node_modules", ".cache", cache), { recursive: true, force: true });
  for (const dir of [".", ".course-check", "grader", "packages/testkit", "packages/course-runner"])
    rmSync(path.join(courseRoot, dir, "node_modules", ".vite"), { recursive: true, force: true });
  row(
    "the root npm test, cold caches (npm test -- --force: check, lint)",
    measure("npm test", npm, ["test", "--", "--force"], { cwd: courseRoot }, 1),
  );
}
if (!values.quick) {
  // The class run (bench-class.ts): a generated class of 100, and one submission with nothing cached.
  for (const note of await benchClass(100, 2, row)) console.log(note);
}
rmSync(out, { recursive: true, force: true });
rmSync(floorDir, { recursive: true, force: true });
rmSync(solved, { recursive: true, force: true });

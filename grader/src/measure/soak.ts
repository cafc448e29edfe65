// npm run soak -- N [--seed S]: runs the whole course check N times, from a
// cold turbo cache, with a seeded CPU hog keeping every core busy beside it,
// and prints every test whose result was not the same in all runs. A test
// that depends on timing or on luck shows up here before it shows up in CI.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { courseRoot } from "../exercises.ts";
import { readResults, RESULTS_ENV } from "../course-check/results.ts";
import { startCpuHog } from "./cpu-hog.ts";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { seed: { type: "string", default: "1" } } });
const runs = Number(positionals[0] ?? "3");
const seed = Number(values.seed);
if (!Number.isInteger(runs) || runs < 2 || !Number.isInteger(seed)) {
  console.error("usage: npm run soak -- N [--seed S]   (N ≥ 2 runs; the CPU hog's seed, default 1)");
  process.exit(2);
}

const work = mkdtempSync(path.join(tmpdir(), "course-soak-"));
const turbo = path.join(courseRoot, "node_modules", ".bin", "turbo");
const all: Map<string, string>[] = [];
const exits: number[] = [];
console.log(`soak: ${runs} runs of the course check, a CPU hog (seed ${seed}) on every core`);
for (let i = 1; i <= runs; i++) {
  const dir = path.join(work, `run-${i}`);
  const hog = startCpuHog(seed);
  const started = Date.now();
  const run = spawnSync(turbo, ["run", "check", "--force", "--continue", "--concurrency=2", "--output-logs=errors-only"], {
    cwd: courseRoot,
    env: { ...process.env, [RESULTS_ENV]: dir, TURBO_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  hog.stop();
  const results = readResults(dir);
  all.push(results);
  exits.push(run.status ?? 1);
  const failed = [...results.values()].filter((s) => s === "fail").length;
  console.log(
    `  run ${i}: exit ${run.status}, ${results.size} results (${failed} failing, as expected of stubs and wrong ways), ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (run.status !== 0) {
    const log = path.join(work, `run-${i}.log`);
    writeFileSync(log, `${run.stdout}\n${run.stderr}`);
    console.log(`    the whole output of that run is in ${log}`);
  }
}
const keys = new Set(all.flatMap((results) => [...results.keys()]));
const differed = [...keys].filter((key) => new Set(all.map((results) => results.get(key) ?? "missing")).size > 1);
for (const key of differed) console.log(`  DIFFERED  ${key}: ${all.map((results) => results.get(key) ?? "missing").join(", ")}`);
console.log(`soak: ${runs} runs, ${keys.size} test results each, ${differed.length} differed; exit codes ${exits.join(", ")}`);
// Kept when a run failed: its log says why.
if (exits.every((code) => code === 0)) rmSync(work, { recursive: true, force: true });
process.exitCode = differed.length === 0 && exits.every((code) => code === 0) ? 0 : 1;

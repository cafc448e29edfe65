import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startVitest, type Reporter, type TestCase, type TestModule } from "vitest/node";
import { exerciseConfig } from "@course/testkit/config";
import type { RunResult } from "../run/run-tests.ts";
import { collectedTest, describeError, testState } from "../run/test-info.ts";
import type { Chain } from "./chains.ts";

const chainSetup = fileURLToPath(new URL("./chain-setup.ts", import.meta.url));

/** Past this, the whole check is stopped and the test that was running is named. */
const WATCHDOG_MS = 180_000;

const emptyRun = (): RunResult => ({ collected: [], results: [], moduleErrors: [], unhandledErrors: [], output: "", durationMs: 0 });

/**
 * Runs an exercise's tests against every chain in ONE vitest: a project per
 * chain, sharing warm workers (no isolation between files: this is our own,
 * trusted code, unlike a submission, which the grader runs contained). Each
 * project has its own Vite server, so every chain resolves `../src/…` through
 * its own folders. Returns a run per chain, shaped as the grader's runs are,
 * so the same scoring applies.
 */
export async function runChains(exerciseDir: string, chains: readonly Chain[]): Promise<Map<string, RunResult>> {
  const runs = new Map(chains.map((chain) => [chain.name, emptyRun()]));
  const running = new Map<string, string>();
  const runOf = (projectName: string) => runs.get(projectName)!;
  const started = Date.now();

  const reporter: Reporter = {
    onTestModuleCollected(testModule: TestModule) {
      runOf(testModule.project.name).collected.push(...[...testModule.children.allTests()].map((t) => collectedTest(t, exerciseDir)));
    },
    onTestCaseReady(testCase: TestCase) {
      running.set(testCase.project.name, `${path.relative(exerciseDir, testCase.module.moduleId)} > ${testCase.name}`);
    },
    onTestCaseResult(testCase: TestCase) {
      running.delete(testCase.project.name);
      const state = testState(testCase);
      const outcome = { ...collectedTest(testCase, exerciseDir), state, durationMs: Math.round(testCase.diagnostic()?.duration ?? 0) };
      runOf(testCase.project.name).results.push(
        state === "fail" ? { ...outcome, message: describeError(testCase.result().errors?.[0]) } : outcome,
      );
    },
    onTestModuleEnd(testModule: TestModule) {
      const errors = testModule.errors();
      if (errors.length > 0) {
        runOf(testModule.project.name).moduleErrors.push({ file: path.relative(exerciseDir, testModule.moduleId), errors: errors.map(describeError) });
      }
    },
  };

  const work = mkdtempSync(path.join(tmpdir(), "course-check-"));
  const unhandledLog = path.join(work, "unhandled.ndjson");
  const projects = chains.map((chain) => {
    const config = exerciseConfig(exerciseDir, chain.dirs);
    return {
      ...config,
      test: {
        ...config.test,
        name: chain.name,
        setupFiles: [chainSetup, ...((config.test?.setupFiles as string[] | undefined) ?? [])],
        provide: { courseChain: chain.name, courseUnhandledLog: unhandledLog },
      },
    };
  });

  const watchdog = setTimeout(() => {
    const what = [...running].map(([chain, test]) => `${chain}: ${test}`).join("; ") || "(no test had started)";
    console.error(`course-check: stopped after ${WATCHDOG_MS / 1000} s; still running: ${what}`);
    process.exit(1);
  }, WATCHDOG_MS);
  watchdog.unref();
  try {
    const vitest = await startVitest(
      "test",
      [],
      { watch: false, config: false, root: exerciseDir, reporters: [reporter] },
      { test: { projects, pool: "threads", isolate: false, fsModuleCache: false } },
    );
    await vitest.close();
  } finally {
    clearTimeout(watchdog);
  }

  let lines: string[] = [];
  try {
    lines = readFileSync(unhandledLog, "utf8").split("\n").filter(Boolean);
  } catch {
    // Nothing escaped.
  }
  for (const line of lines) {
    const { chain, message } = JSON.parse(line) as { chain: string; message: string };
    runs.get(chain)?.unhandledErrors.push(message);
  }
  rmSync(work, { recursive: true, force: true });
  const durationMs = Date.now() - started;
  for (const run of runs.values()) run.durationMs = durationMs;
  return runs;
}

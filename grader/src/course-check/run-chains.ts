import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startVitest, type Reporter, type SerializedError, type TestCase, type TestModule } from "vitest/node";
import { exerciseTestOptions } from "@course/testkit/config";
import { endOfCompletedRun } from "../run/end-reason.ts";
import { DEFAULT_LIMITS } from "../run/limits.ts";
import { emptyRunResult, type RunResult } from "../run/run-result.ts";
import { collectedTest, describeError, testOutcome } from "../run/test-info.ts";
import { layoutRoot, type LaidOutChain } from "./layout.ts";
import { directResolve } from "./direct-resolve.ts";
import { memoModuleRunnerTransform, memoTransform } from "./memo-transform.ts";
import { realThreadsFirst } from "./real-threads-first.ts";

/** The kit's matchers, which the tamper-checking setup file would otherwise load. */
const matchersSetup = fileURLToPath(import.meta.resolve("@course/testkit/matchers"));
/** Spares vitest mapping the stacks of failures, which the check does not read. */
const unmappedStacksSetup = fileURLToPath(new URL("./unmapped-stacks.ts", import.meta.url));

/**
 * With no test finished for this long, the whole check is stopped and the
 * tests that were running are named. Measured from the last progress, not from
 * the start: on a loaded machine the check is slower, but it still progresses.
 */
const STALLED_MS = 120_000;

/**
 * Runs the tests of every chain laid out (see layout.ts), of every exercise,
 * in ONE vitest project: one Vite server transforms the test kit once, and warm
 * workers run every chain's files without isolation between them. That is safe
 * because this is our own, trusted code; a submission is graded contained
 * instead. Returns a run per chain (by folder), shaped as the grader's runs
 * are, so the same scoring applies.
 */
export async function runChains(chains: readonly LaidOutChain[]): Promise<Map<string, RunResult>> {
  const runs = new Map(chains.map((chain) => [chain.folder, emptyRunResult()]));
  /** The chain a file belongs to, and the file as its chain's folder sees it ("test/x.test.ts"). */
  const locate = (file: string) => {
    const chain = chains.find(({ folder }) => file.startsWith(folder + path.sep));
    return chain && { run: runs.get(chain.folder)!, file: path.relative(chain.folder, file).split(path.sep).join("/"), folder: chain.folder };
  };
  const running = new Map<string, string>();
  const started = Date.now();
  const watchdog = setTimeout(() => {
    console.error(
      `course-check: stopped: no test finished for ${STALLED_MS / 1000} s; still running: ${[...running.values()].join("; ") || "(no test had started)"}`,
    );
    process.exit(1);
  }, STALLED_MS);
  watchdog.unref();

  const reporter: Reporter = {
    onTestModuleCollected(testModule: TestModule) {
      const where = locate(testModule.moduleId);
      where?.run.collected.push(...[...testModule.children.allTests()].map((t) => collectedTest(t, where.folder)));
    },
    onTestCaseReady(testCase: TestCase) {
      running.set(testCase.module.moduleId, `${path.relative(layoutRoot, testCase.module.moduleId)} > ${testCase.name}`);
    },
    onTestCaseResult(testCase: TestCase) {
      watchdog.refresh();
      running.delete(testCase.module.moduleId);
      const where = locate(testCase.module.moduleId);
      if (!where) return;
      where.run.results.push(testOutcome(testCase, where.folder));
    },
    onTestModuleEnd(testModule: TestModule) {
      const errors = testModule.errors();
      const where = locate(testModule.moduleId);
      if (errors.length > 0 && where) where.run.moduleErrors.push({ file: where.file, errors: errors.map(describeError) });
    },
    onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>) {
      // vitest names the test file that was running when an error escaped; without one, no chain is above suspicion.
      for (const error of unhandledErrors) {
        const file = (error as { VITEST_TEST_PATH?: string }).VITEST_TEST_PATH;
        const where = file ? locate(file) : undefined;
        for (const run of where ? [where.run] : runs.values()) run.unhandledErrors.push(describeError(error));
      }
    },
  };

  const testOptions = exerciseTestOptions();
  try {
    const include = [...new Set(chains.map((chain) => `${path.relative(layoutRoot, path.dirname(chain.folder))}/*/test/**/*.test.ts`))];
    const vitest = await startVitest(
      "test",
      [],
      { watch: false, config: false, root: layoutRoot, reporters: [reporter] },
      // Without the kit's tamper check (the setup file that fingerprints expect
      // and vi around every test): there is no code here to guard against.
      {
        oxc: false,
        plugins: [directResolve(), memoTransform(), memoModuleRunnerTransform()],
        test: {
          ...testOptions,
          include,
          setupFiles: [matchersSetup, unmappedStacksSetup],
          maxWorkers: availableParallelism(),
          sequence: { sequencer: realThreadsFirst(chains) },
        },
      },
    );
    await vitest.close();
  } finally {
    clearTimeout(watchdog);
    // vitest sets a failing exit code when tests fail: here many are meant to.
    process.exitCode = undefined;
  }
  const durationMs = Date.now() - started;
  // Every chain's run reached its end (a stalled check exits above): its reason is what it reported.
  for (const run of runs.values()) {
    run.durationMs = durationMs;
    run.end = endOfCompletedRun(run, testOptions.testTimeout ?? DEFAULT_LIMITS.testTimeoutMs);
  }
  return runs;
}

import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";
import type { ViteUserConfig } from "vitest/config";
import { createSrcChain, givenFiles, resolveInChain, type SrcChain } from "./src-chain.ts";

/**
 * Folders laid over an exercise's `src/`, first wins (path-list syntax, like PATH).
 * The course check and the grader set it to run the same tests against a
 * solution, a wrong variant or a submission.
 */
export const SRC_DIRS_ENV = "COURSE_SRC_DIRS";

const integritySetup = fileURLToPath(new URL("../setup/integrity.ts", import.meta.url));

/** Packages of the test tools: code under test has no business importing them. */
const TEST_TOOLS = /^(?:vitest|vite|chai|tinyspy|msw)(?:\/|$)|^@(?:vitest|course|mswjs|sinonjs)\//;

function srcChainPlugin(chain: SrcChain, overlays: readonly string[]): Plugin {
  const inOverlay = (file: string) => overlays.some((dir) => !path.relative(path.resolve(dir), file).startsWith(".."));
  return {
    name: "course:src-chain",
    enforce: "pre",
    resolveId(source, importer) {
      if (!importer) return null;
      if (TEST_TOOLS.test(source) && inOverlay(importer)) {
        throw new Error(`${path.basename(importer)} imports "${source}": code under test may not use the test tools. Remove that import.`);
      }
      return resolveInChain(chain, source, importer) ?? null;
    },
  };
}

function overlaysFromEnv(): string[] {
  const value = process.env[SRC_DIRS_ENV];
  return value ? value.split(path.delimiter).filter(Boolean) : [];
}

/**
 * The test options every run of an exercise's tests shares: the student's, the
 * grader's and the course check's.
 */
export function exerciseTestOptions(): NonNullable<ViteUserConfig["test"]> {
  return {
    include: ["test/**/*.test.ts"],
    setupFiles: [integritySetup],
    // Test files share warm worker threads: a student's run starts in about half
    // the time. Each test file sets up and tears down what it uses (clock, mocked
    // API), so nothing of one reaches the next; the grader, which runs code it did
    // not write, isolates every file anyway (grader/src/run/run-tests.ts).
    pool: "threads",
    isolate: false,
    // Nothing a test file changes may leak into the next one.
    restoreMocks: true,
    unstubGlobals: true,
    unstubEnvs: true,
    // The same file resolves differently per chain (stub, solution, variant,
    // submission); vitest's on-disk transform cache does not know that.
    fsModuleCache: false,
    // Test lines, for the grader's reports.
    includeTaskLocation: true,
    testTimeout: 5_000,
    hookTimeout: 5_000,
    // No performance hints after a run ("~1s faster with isolate: false"): a
    // student reading test results has nothing to tune, and the settings are ours.
    experimental: { diagnostics: false },
  };
}

/** The vitest config of an exercise: its tests, run against its `src/` (or the overlays given). */
export function exerciseConfig(exerciseDir: string, overlays: readonly string[] = overlaysFromEnv()): ViteUserConfig {
  const chain = createSrcChain(overlays, path.join(exerciseDir, "src"), givenFiles(exerciseDir));
  return {
    root: exerciseDir,
    plugins: [srcChainPlugin(chain, overlays)],
    // Tests that look at the code itself (a lint) learn where it comes from: see srcChainUnderTest().
    test: {
      ...exerciseTestOptions(),
      // With nothing laid over src/ (a student's own run), every file resolves one
      // way only, and the on-disk transform cache is safe: the next run starts sooner.
      fsModuleCache: overlays.length === 0,
      provide: { courseSrcDirs: [...chain.dirs], courseGivenFiles: [...chain.given] },
      // The grader's sandbox gives the tests a temporary folder apart from
      // vitest's own (grader/src/run/sandbox.ts).
      env: testTempDirEnv(),
    },
  };
}

/** TMPDIR and its Windows spellings, for the test processes, when the grader gives them a folder of their own. */
function testTempDirEnv(): Record<string, string> {
  const dir = process.env.COURSE_TEST_TMPDIR;
  return dir ? { TMPDIR: dir, TMP: dir, TEMP: dir } : {};
}

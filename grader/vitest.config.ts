import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

// `npm run soak` collects every test's result (see src/course-check/results.ts).
const results = process.env.COURSE_CHECK_RESULTS;

// The fixture course's tests are graded by the grader's tests, not run as its own.
const exclude = [...configDefaults.exclude, "test/fixtures/**"];

export default defineConfig({
  test: {
    // `unit` is run by npm test; `integration` (gradings of fixture courses in the
    // sandbox, the CLIs, the class report in Chromium) by npm run test:integration:
    // they run real processes end to end, for minutes.
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...exclude, "test/**/*.integration.test.ts"],
          // The unit test files share a worker's modules instead of loading
          // TypeScript, ESLint and the grader afresh for each (issue 7: about
          // 2 of 18 CPU-s). They can: none mocks a module (vi.mock), stubs a
          // global or an env var, fakes timers or changes the cwd (checked
          // when this was set), and of the grader's module-level memos only
          // class/fingerprint.ts's versionMemo is used by a unit test, by one
          // file (expected-tests.ts's inFlight and sandbox.ts's probe are
          // loaded by several but called by none). A unit test that needs
          // any of those belongs in integration, or in a project of its own
          // with isolate on.
          isolate: false,
        },
      },
      { test: { name: "integration", include: ["test/**/*.integration.test.ts"], exclude } },
    ],
    // A worker thread per test file starts faster than a process.
    pool: "threads",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: results ? ["default", ["json", { outputFile: path.join(results, "grader.json") }]] : ["default"],
  },
});

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
      { test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [...exclude, "test/**/*.integration.test.ts"] } },
      { test: { name: "integration", include: ["test/**/*.integration.test.ts"], exclude } },
    ],
    // A worker thread per test file starts faster than a process.
    pool: "threads",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: results ? ["default", ["json", { outputFile: path.join(results, "grader.json") }]] : ["default"],
  },
});

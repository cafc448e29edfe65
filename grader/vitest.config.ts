import path from "node:path";
import { defineConfig } from "vitest/config";

// `npm run soak` collects every test's result (see src/course-check/results.ts).
const results = process.env.COURSE_CHECK_RESULTS;

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The fixture course's tests are graded by the grader's tests, not run as its own.
    exclude: ["test/fixtures/**"],
    // A worker thread per test file starts faster than a process.
    pool: "threads",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: results ? ["default", ["json", { outputFile: path.join(results, "grader.json") }]] : ["default"],
  },
});

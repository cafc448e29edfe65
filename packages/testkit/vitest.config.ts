import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

// `npm run soak` collects every test's result (see grader/src/course-check/results.ts).
const results = process.env.COURSE_CHECK_RESULTS;

export default defineConfig({
  test: {
    // A worker thread per test file starts faster than a process.
    pool: "threads",
    experimental: { diagnostics: false },
    reporters: results ? ["default", ["json", { outputFile: path.join(results, "testkit.json") }]] : ["default"],
    // `unit` is run by npm test; `integration` (the demos, on real time, as a student runs them)
    // by npm run test:integration, apart from the course check's load.
    projects: [
      { test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [...configDefaults.exclude, "test/**/*.integration.test.ts"] } },
      { test: { name: "integration", include: ["test/**/*.integration.test.ts"] } },
    ],
  },
});

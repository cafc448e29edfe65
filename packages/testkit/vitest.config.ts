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
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "test/**/*.integration.test.ts"],
          // The unit test files share a worker's modules instead of loading the
          // kit and msw afresh for each: their loading was most of this
          // project's cost (issue 7: 12 → 5 CPU-s). They can, because the kit
          // puts back what it changes per file: useVirtualClock fakes timers
          // and installs its shims and abort marks in beforeAll, and removes
          // them in afterAll; mockApi stops answering fetch in afterAll (its
          // fetch stays the global one, handing every request to Node's fetch
          // while no mocked API is in use: src/http/mocked-fetch.ts); the one
          // test that adds a process listener removes it. No test file mocks a
          // module, stubs a global or an env var, or changes the cwd (checked
          // when this was set, and every file order passed with all the files
          // in one worker: --maxWorkers=1 --sequence.shuffle.files, 4 seeds).
          // The kit's real-time helpers capture the real timers when the kit
          // loads, which is before any file fakes them either way. A test that
          // leaves global state behind belongs in a project with isolate on.
          isolate: false,
        },
      },
      { test: { name: "integration", include: ["test/**/*.integration.test.ts"] } },
    ],
  },
});

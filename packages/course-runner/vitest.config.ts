import { configDefaults, defineConfig } from "vitest/config";

// The fixture course's own tests are run by the runner under test, not here.
const exclude = [...configDefaults.exclude, "test/fixtures/**", "test/.courses/**"];

export default defineConfig({
  test: {
    // `unit` is run by npm test; `integration` (the runner in a real terminal,
    // grading a fixture course) by npm run test:integration.
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...exclude, "test/**/*.integration.test.ts"],
          // The unit tests call pure functions (hints, the screen) and share
          // a worker's modules instead of loading them per file (issue 7):
          // none mocks a module, stubs a global or an env var, fakes timers
          // or changes the cwd, and none reaches children.ts's set of live
          // processes, the runner's one module-level state (checked when this
          // was set). A test that needs any of those runs with isolate on.
          isolate: false,
        },
      },
      { test: { name: "integration", include: ["test/**/*.integration.test.ts"], exclude } },
    ],
    pool: "threads",
    // The terminal tests wait for real test runs of the fixture course, on a machine that may be busy.
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});

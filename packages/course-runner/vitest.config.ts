import { configDefaults, defineConfig } from "vitest/config";

// The fixture course's own tests are run by the runner under test, not here.
const exclude = [...configDefaults.exclude, "test/fixtures/**", "test/.courses/**"];

export default defineConfig({
  test: {
    // `unit` is run by npm test; `integration` (the runner in a real terminal,
    // grading a fixture course) by npm run test:integration.
    projects: [
      { test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [...exclude, "test/**/*.integration.test.ts"] } },
      { test: { name: "integration", include: ["test/**/*.integration.test.ts"], exclude } },
    ],
    pool: "threads",
    // The terminal tests wait for real test runs of the fixture course, on a machine that may be busy.
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});

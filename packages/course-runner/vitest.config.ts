import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The fixture course's own tests are run by the runner under test, not here.
    exclude: ["test/fixtures/**", "test/.courses/**", "**/node_modules/**"],
    pool: "threads",
    // The terminal tests wait for real test runs of the fixture course, on a machine that may be busy.
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});

import { defineConfig } from "vitest/config";

// `npm run test:export` (not part of the root `npm test`: installing the
// student repository and grading it take minutes). The student repository is
// exported once, by the global setup, and every file reads that one export.
export default defineConfig({
  root: import.meta.dirname,
  test: {
    include: ["*.test.ts"],
    globalSetup: ["./support/global-setup.ts"],
    // Each file runs npm and the grader, which use both cores: one file at a time.
    fileParallelism: false,
    pool: "forks",
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});

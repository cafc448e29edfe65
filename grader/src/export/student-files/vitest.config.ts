import { defineConfig } from "vitest/config";

// `npm test` at the root: every exercise's tests, each under its own
// vitest.config.ts, in one run that ends with one summary. To work on one
// exercise, run `npm test` in its folder instead: it is faster and shows only
// what you are working on.
export default defineConfig({
  test: {
    projects: ["exercises/*"],
  },
});

// Stryker's options for one exercise: its reference solution mutated, its
// exercise's tests run against every mutant, in Stryker's sandbox (a copy of
// the exercise and of solutions/NN-slug/src), never in place: other people and tools read the
// reference while a run goes on, and an interrupted in-place run would leave
// mutated files behind.
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LogLevel, PartialStrykerOptions } from "@stryker-mutator/api/core";
import { courseRoot } from "../exercises.ts";
import { ERROR_MESSAGES_IGNORER } from "./error-messages.ts";
import { mutatePatterns } from "./not-mutated.ts";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Where a run writes what it leaves (ignored by git): reports, and the sandboxes while it runs. */
const mutationOutput = (root = courseRoot) => ({
  reports: path.join(root, "reports", "mutation"),
  sandboxes: path.join(root, ".stryker-tmp"),
});

/**
 * Stryker's incremental report of one exercise, committed: a run tests again
 * only the mutants whose code or tests changed since (CI stays short).
 */
const incrementalReport = (id: string) => here(`./incremental/${id}.json`);

/** The HTML report of one exercise. */
export const htmlReport = (id: string, root = courseRoot) => path.join(mutationOutput(root).reports, id, "index.html");

export interface RunSettings {
  /** Test runner processes at once (the machine's cores are shared: 1 or 2). */
  concurrency: number;
  /** Test every mutant again, whatever the incremental report says (and rewrite it). */
  force: boolean;
}

/**
 * What Stryker copies into its sandbox (ignore-file syntax, from the course
 * root): only the exercise (its tests, its given files) and the reference's
 * `src/`, and the settings its tsconfig extends. Everything else is reached
 * through the sandbox's link to node_modules, or not at all.
 */
function sandboxContents(id: string): string[] {
  return [
    "/*",
    "!/tsconfig.base.json",
    "!/exercises",
    "/exercises/*",
    `!/exercises/${id}`,
    "!/solutions",
    "/solutions/*",
    `!/solutions/${id}`,
    `/solutions/${id}/*`,
    `!/solutions/${id}/src`,
  ];
}

/** The options Stryker runs with, for the exercise `id`; the process runs in the course root. */
export function strykerOptions(id: string, settings: RunSettings, root = courseRoot): PartialStrykerOptions {
  return {
    testRunner: "vitest",
    plugins: ["@stryker-mutator/vitest-runner", here("./error-messages.ts")],
    ignorers: [ERROR_MESSAGES_IGNORER],
    vitest: {
      configFile: here("./vitest.config.ts"),
      // The tests reach the reference through the src chain (the exercise's
      // index.ts re-exports it), which vitest's "related files" does not follow
      // reliably; coverage per test already picks the tests each mutant needs.
      related: false,
    },
    mutate: mutatePatterns(id, root),
    coverageAnalysis: "perTest",
    inPlace: false,
    ignorePatterns: sandboxContents(id),
    tempDirName: path.join(mutationOutput(root).sandboxes, id),
    cleanTempDir: "always",
    concurrency: settings.concurrency,
    incremental: true,
    incrementalFile: incrementalReport(id),
    force: settings.force,
    reporters: ["html", "progress"],
    htmlReporter: { fileName: htmlReport(id, root) },
    // LogLevel is a const enum, which verbatimModuleSyntax cannot import: its values are these strings.
    fileLogLevel: "off" as LogLevel,
    // Its warnings here are one known-harmless note per test file (the tests are not copied into the sandbox, by design).
    logLevel: "error" as LogLevel,
  };
}

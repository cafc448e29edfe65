// Runs one of the grader's TypeScript entry points without a build step: on
// Node's own type stripping where this Node has it (22.18+), which starts
// fastest, else through tsx. Node's compile cache is on for this process and
// every process and worker it starts (they inherit NODE_COMPILE_CACHE): the
// course check alone starts hundreds of workers that load the same modules.
// The grader gives each run of untrusted code a cache of its own (run-tests.ts).
import module from "node:module";
import { fileURLToPath } from "node:url";

export async function runTs(entry) {
  const cache = fileURLToPath(new URL("../../node_modules/.cache/node-compile-cache", import.meta.url));
  process.env.NODE_COMPILE_CACHE ??= cache;
  module.enableCompileCache?.(process.env.NODE_COMPILE_CACHE);
  if (!process.features.typescript) {
    const { register } = await import("tsx/esm/api");
    register();
  }
  await import(entry);
}

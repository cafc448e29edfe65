import { readdirSync } from "node:fs";
import path from "node:path";
import { courseRoot, solutionDir } from "../exercises.ts";

// Files of a reference that Stryker cannot test, each with why: they are left
// out of `mutate`, and so out of the score, instead of counting as survivors.
const NOT_MUTATED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "10-worker-parallelism": {
    "pool-worker.ts":
      "Node runs it in worker threads, apart from the test process where Stryker switches mutants on and records " +
      "coverage: each of its mutants would read as untested whatever the tests do. The tests reach it through runInWorkerPool.",
  },
};

/**
 * Stryker's `mutate` list for an exercise: every TypeScript file of its
 * reference's src/, but the files above, named one by one. (After a file is
 * left out, rebuild the exercise's incremental report with --force or by
 * deleting it: the old report brought the file's mutants back here.)
 */
export function mutatePatterns(id: string, root = courseRoot): string[] {
  const skipped = NOT_MUTATED[id] ?? {};
  return readdirSync(path.join(solutionDir(id, root), "src"))
    .filter((file) => file.endsWith(".ts") && !(file in skipped))
    .sort()
    .map((file) => `solutions/${id}/src/${file}`);
}

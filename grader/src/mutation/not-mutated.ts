// Files of a reference that Stryker cannot test, each with why: they are left
// out of `mutate`, and so out of the score, instead of counting as survivors.
export const NOT_MUTATED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "10-worker-parallelism": {
    "pool-worker.ts":
      "Node runs it in worker threads, apart from the test process where Stryker switches mutants on and records " +
      "coverage: each of its mutants would read as untested whatever the tests do. The tests reach it through runInWorkerPool.",
  },
};

/** Stryker's `mutate` patterns for an exercise: its reference's src/, but the files above. */
export function mutatePatterns(id: string): string[] {
  const skipped = Object.keys(NOT_MUTATED[id] ?? {}).map((file) => `!solutions/${id}/src/${file}`);
  return [`solutions/${id}/src/**/*.ts`, ...skipped];
}

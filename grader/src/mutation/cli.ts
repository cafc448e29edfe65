// mutation [--concurrency N] [--force] [ID…]: StrykerJS over every reference solution
// (or the ones named), each against its exercise's tests; an HTML report per
// exercise, every unmarked survivor listed, and a summary table at the end.
// Exits 1 when any mutant survives unmarked in a reviewed exercise (CI's
// verdict; see not-yet-reviewed.ts), 2 when it cannot run. Incremental: only
// mutants whose code or tests changed are tested again (--force: all of them).
import path from "node:path";
import { parseArgs } from "node:util";
import type { MutantResult } from "@stryker-mutator/api/core";
import { courseRoot, listExercises } from "../exercises.ts";
import { MUTATION_EXERCISE_ENV } from "./env.ts";
import { NOT_YET_REVIEWED } from "./not-yet-reviewed.ts";
import { htmlReport, strykerOptions, type RunSettings } from "./options.ts";
import { describeSurvivors, formatTable, summarize, type ExerciseSummary } from "./summary.ts";

class UsageError extends Error {}

function parse(argv: string[]): { ids: string[]; settings: RunSettings } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { concurrency: { type: "string", default: "2" }, force: { type: "boolean", default: false } },
  });
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new UsageError(`--concurrency takes a whole number of test runners, 1 or more (got "${values.concurrency}")`);
  const known = listExercises();
  const unknown = positionals.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new UsageError(`no such exercise: ${unknown.join(", ")} (the exercises are ${known.join(", ")})`);
  return { ids: positionals.length > 0 ? positionals : known, settings: { concurrency, force: values.force } };
}

async function mutate(id: string, settings: RunSettings): Promise<MutantResult[]> {
  const { Stryker } = await import("@stryker-mutator/core");
  const before = process.cwd();
  process.env[MUTATION_EXERCISE_ENV] = id;
  // Stryker works from the folder it starts in: the course root (see sandboxContents).
  process.chdir(courseRoot);
  try {
    return await new Stryker(strykerOptions(id, settings)).runMutationTest();
  } finally {
    process.chdir(before);
  }
}

async function main(argv: string[]): Promise<boolean> {
  const { ids, settings } = parse(argv);
  const rows: ExerciseSummary[] = [];
  const failing: string[] = [];
  const pending: string[] = [];
  for (const id of ids) {
    console.log(`\nmutation: ${id}`);
    const started = performance.now();
    const results = await mutate(id, settings);
    const row = summarize(id, results);
    rows.push(row);
    const located = describeSurvivors(results, courseRoot).map((line) => `  ${line}`);
    (NOT_YET_REVIEWED.has(id) ? pending : failing).push(...located);
    console.log(
      `mutation: ${id}: ${row.mutants} mutants, ${row.survived} unmarked survivors, ${((performance.now() - started) / 1000).toFixed(0)} s; report ${path.relative(courseRoot, htmlReport(id))}`,
    );
    // Now as well as at the end: a long run's first findings can be worked on while it goes on.
    if (located.length > 0) console.log(located.join("\n"));
  }
  console.log(`\n${formatTable(rows)}`);
  if (pending.length > 0) {
    const which = ids.filter((id) => NOT_YET_REVIEWED.has(id));
    console.log(
      `\nmutation: ${pending.length} survivor(s) in exercises not yet reviewed (${which.join(", ")}), listed above; they do not fail ` +
        "the run until their exercise leaves grader/src/mutation/not-yet-reviewed.ts",
    );
  }
  if (failing.length === 0) {
    console.log("\nmutation: no unmarked survivor in a reviewed exercise");
    return true;
  }
  console.log(`\nmutation: ${failing.length} unmarked survivor(s): every test passes with these changes to a reference`);
  console.log(failing.join("\n"));
  console.log(
    "\nFor each: write a test (or sharpen one) that fails with that change, or, if the change cannot alter behaviour,\n" +
      "mark it where it stands: // Stryker disable next-line <Mutator>: why it cannot change behaviour (CONTRIBUTING.md, Mutation testing).",
  );
  return false;
}

main(process.argv.slice(2)).then(
  (ok) => {
    process.exitCode = ok ? 0 : 1;
  },
  (error: unknown) => {
    console.error(
      `mutation: ${error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 2;
  },
);

// mutation [--concurrency N] [ID…]: StrykerJS over every reference solution
// (or the ones named), each against its exercise's tests; an HTML report per
// exercise, every unmarked survivor listed, and a summary table at the end.
// Exits 1 when any mutant survives unmarked (CI's verdict), 2 when it cannot run.
import path from "node:path";
import { parseArgs } from "node:util";
import type { MutantResult } from "@stryker-mutator/api/core";
import { courseRoot, listExercises, solutionDir } from "../exercises.ts";
import { MUTATION_EXERCISE_ENV } from "./env.ts";
import { htmlReport, strykerOptions } from "./options.ts";
import { describeSurvivors, formatTable, summarize, type ExerciseSummary } from "./summary.ts";

class UsageError extends Error {}

function parse(argv: string[]): { ids: string[]; concurrency: number } {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { concurrency: { type: "string", default: "2" } } });
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency takes a whole number of test runners, 1 or more (got "${values.concurrency}")`);
  const known = listExercises();
  const unknown = positionals.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new UsageError(`no such exercise: ${unknown.join(", ")} (the exercises are ${known.join(", ")})`);
  return { ids: positionals.length > 0 ? positionals : known, concurrency };
}

async function mutate(id: string, concurrency: number): Promise<MutantResult[]> {
  const { Stryker } = await import("@stryker-mutator/core");
  const before = process.cwd();
  process.env[MUTATION_EXERCISE_ENV] = id;
  // Stryker copies its working folder into the sandbox: the solution's, with src/ to mutate.
  process.chdir(solutionDir(id));
  try {
    return await new Stryker(strykerOptions(id, { concurrency })).runMutationTest();
  } finally {
    process.chdir(before);
  }
}

async function main(argv: string[]): Promise<boolean> {
  const { ids, concurrency } = parse(argv);
  const rows: ExerciseSummary[] = [];
  const survivors: string[] = [];
  for (const id of ids) {
    console.log(`\nmutation: ${id}`);
    const started = performance.now();
    const results = await mutate(id, concurrency);
    const row = summarize(id, results);
    rows.push(row);
    const lines = describeSurvivors(results, solutionDir(id));
    const located = lines.map((line) => `  solutions/${id}/${line}`);
    survivors.push(...located);
    console.log(`mutation: ${id}: ${row.mutants} mutants, ${row.survived} unmarked survivors, ${((performance.now() - started) / 1000).toFixed(0)} s; report ${path.relative(courseRoot, htmlReport(id))}`);
    // Now as well as at the end: a long run's first findings can be worked on while it goes on.
    if (located.length > 0) console.log(located.join("\n"));
  }
  console.log(`\n${formatTable(rows)}`);
  if (survivors.length === 0) {
    console.log("\nmutation: no unmarked survivor");
    return true;
  }
  console.log(`\nmutation: ${survivors.length} unmarked survivor(s): every test passes with these changes to a reference`);
  console.log(survivors.join("\n"));
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
    console.error(`mutation: ${error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 2;
  },
);

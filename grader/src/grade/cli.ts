// npm run grade: the grader's command line (see HELP in options.ts).
import { existsSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { formatReport } from "../formats/index.ts";
import { gradeCourse } from "./grade.ts";
import { HELP, parseGradeArgs } from "./options.ts";
import { UsageError } from "./usage-error.ts";

async function main(): Promise<void> {
  const options = parseGradeArgs(process.argv.slice(2), availableParallelism());
  if (options.help) {
    process.stdout.write(HELP);
    return;
  }
  for (const { out } of options.outputs) {
    if (out === undefined) continue;
    const dir = path.dirname(path.resolve(out));
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`cannot write ${out}: no such directory ${dir}`);
  }
  // One grading run: the code under test runs once, and every report is written from it.
  const report = await gradeCourse({
    ...(options.submission === undefined ? {} : { submission: options.submission }),
    exercises: options.exercises,
    jobs: options.jobs,
    // Type errors are a warning in the report; a check that cannot run is said on stderr, and grading goes on.
    typecheck: true,
    onTypecheckError: (error) => process.stderr.write(`grade: warning: type errors are not listed: ${error.message}\n`),
  });
  for (const { format, out } of options.outputs) {
    const color = out === undefined && process.stdout.isTTY === true && !process.env.NO_COLOR;
    const text = formatReport(report, format, { color });
    if (out === undefined) process.stdout.write(text);
    else writeFileSync(out, text);
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`grade: ${message}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});

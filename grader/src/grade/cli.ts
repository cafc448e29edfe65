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
  if (options.out !== undefined) {
    const dir = path.dirname(path.resolve(options.out));
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`cannot write ${options.out}: no such directory ${dir}`);
  }
  const report = await gradeCourse({
    ...(options.submission === undefined ? {} : { submission: options.submission }),
    exercises: options.exercises,
    jobs: options.jobs,
  });
  const color = options.out === undefined && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const text = formatReport(report, options.format, { color });
  if (options.out === undefined) process.stdout.write(text);
  else writeFileSync(options.out, text);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`grade: ${message}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});

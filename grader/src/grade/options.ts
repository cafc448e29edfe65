import { parseArgs } from "node:util";
import { listExercises } from "../exercises.ts";
import { FORMATS, type Format } from "../formats/index.ts";
import { UsageError } from "./usage-error.ts";

export interface GradeOptions {
  submission?: string;
  exercises: string[];
  format: Format;
  out?: string;
  jobs: number;
  help: boolean;
}

export const HELP = `Usage: npm run grade -- [options]

Grades exercises/ as it stands (or a submission) and prints a report.

Options:
  --submission DIR   grade DIR instead: laid out like exercises/ (DIR/NN-slug/src/...),
                     or a whole student repository (a folder holding exercises/)
  --exercise ID      grade only this exercise (repeatable), e.g. --exercise 02-concurrent-requests
  --format FORMAT    pretty (default), json, classroom, junit or markdown
  --out FILE         write the report to FILE instead of the terminal
  --jobs N           exercises graded at once (default: the number of CPU cores, at most 4)
  --help             show this help
`;

export function parseGradeArgs(argv: string[], cores: number): GradeOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        submission: { type: "string" },
        exercise: { type: "string", multiple: true },
        format: { type: "string", default: "pretty" },
        out: { type: "string" },
        jobs: { type: "string" },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    throw new UsageError(`${message.replace(/\. To specify a positional argument.*$/, "")} (see --help)`);
  }
  const format = values.format ?? "pretty";
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}": use one of ${FORMATS.join(", ")}`);
  }
  const known = listExercises();
  for (const id of values.exercise ?? []) {
    if (!known.includes(id)) throw new UsageError(`unknown exercise "${id}": the exercises are ${known.join(", ")}`);
  }
  const jobs = values.jobs === undefined ? Math.max(1, Math.min(4, cores)) : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs takes a whole number of 1 or more, not "${values.jobs}"`);
  const options: GradeOptions = { exercises: values.exercise ?? [], format: format as Format, jobs, help: values.help ?? false };
  if (values.submission !== undefined) options.submission = values.submission;
  if (values.out !== undefined) options.out = values.out;
  return options;
}

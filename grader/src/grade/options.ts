import path from "node:path";
import { parseArgs } from "node:util";
import { listExercises } from "../exercises.ts";
import { FORMATS, type Format } from "../formats/index.ts";
import { UsageError } from "./usage-error.ts";

/** One report of the run: a format, and the file it goes to (none: standard output). */
interface GradeOutput {
  format: Format;
  out?: string;
}

interface GradeOptions {
  submission?: string;
  exercises: string[];
  /** Every report wanted, all from the same grading run; at most one without a file. */
  outputs: GradeOutput[];
  jobs: number;
  help: boolean;
}

export const HELP = `Usage: npm run grade -- [options]

Grades exercises/ as it stands (or a submission) and prints a report.

  npm run grade -- --format markdown --out summary.md --format json --out grade.json --format github
      grades once, writes the Markdown summary and the JSON report, prints GitHub's log lines

Options:
  --submission DIR   grade DIR instead: laid out like exercises/ (DIR/NN-slug/src/...),
                     or a whole student repository (a folder holding exercises/)
  --exercise ID      grade only this exercise (repeatable), e.g. --exercise 02-concurrent-requests
  --format FORMAT    pretty (default), json, classroom, junit, markdown, github or gradescope;
                     repeatable: the submission is graded once, and each report written from that run
  --out FILE         write the report of the matching --format to FILE instead of the terminal:
                     the first --out is for the first --format, the second for the second...;
                     a --format without its --out goes to the terminal (at most one may)
  --jobs N           exercises graded at once (default: the number of CPU cores, at most 4)
  --help             show this help
`;

export function parseGradeArgs(argv: string[], cores: number): GradeOptions {
  let values;
  let tokens;
  try {
    ({ values, tokens } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      tokens: true,
      options: {
        submission: { type: "string" },
        exercise: { type: "string", multiple: true },
        format: { type: "string", multiple: true },
        out: { type: "string", multiple: true },
        jobs: { type: "string" },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    throw new UsageError(`${message.replace(/\. To specify a positional argument.*$/, "")} (see --help)`);
  }
  const outputs = pairOutputs(values.format ?? ["pretty"], values.out ?? [], tokens);
  const known = listExercises();
  for (const id of values.exercise ?? []) {
    if (!known.includes(id)) throw new UsageError(`unknown exercise "${id}": the exercises are ${known.join(", ")}`);
  }
  const jobs = values.jobs === undefined ? Math.max(1, Math.min(4, cores)) : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs takes a whole number of 1 or more, not "${values.jobs}"`);
  const options: GradeOptions = { exercises: values.exercise ?? [], outputs, jobs, help: values.help ?? false };
  if (values.submission !== undefined) options.submission = values.submission;
  return options;
}

/**
 * The i-th --out is the file of the i-th --format; the formats after the last
 * --out go to standard output, and at most one may (two reports on one stream
 * could not be told apart). An --out written right after a --format must be
 * that format's: `--format github --format markdown --out F` would otherwise
 * send GitHub's log lines to F, the opposite of how it reads, so it is refused
 * (write `--format markdown --out F --format github`).
 */
function pairOutputs(formats: string[], outs: string[], tokens: readonly { kind: string; name?: string; value?: string | boolean }[]): GradeOutput[] {
  for (const format of formats) {
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`unknown format "${format}": use one of ${FORMATS.join(", ")}`);
    }
  }
  let formatsSeen = 0;
  let outsSeen = 0;
  let previous: { name?: string; value?: string | boolean } | undefined;
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    if (token.name === "format") formatsSeen += 1;
    if (token.name === "out") {
      if (previous?.name === "format" && formatsSeen - 1 !== outsSeen && outsSeen < formats.length) {
        throw new UsageError(
          `--out ${String(token.value)} comes right after --format ${String(previous.value)} but would be the file of --format ${formats[outsSeen]} (the first --out is for the first --format, and so on): write each --format just before its --out, and the one for the terminal last`,
        );
      }
      outsSeen += 1;
    }
    previous = token;
  }
  if (outs.length > formats.length) {
    throw new UsageError(`${outs.length} --out for ${formats.length} --format: each --out is the file of the --format in the same position`);
  }
  if (formats.length - outs.length > 1) {
    const toTerminal = formats.slice(outs.length).join(", ");
    throw new UsageError(`only one format can go to the terminal, not ${toTerminal}: give each other --format its --out FILE`);
  }
  const seen = new Set<string>();
  for (const out of outs) {
    if (seen.has(path.resolve(out))) throw new UsageError(`--out ${out} is given twice: each report needs a file of its own`);
    seen.add(path.resolve(out));
  }
  return formats.map((format, i) => {
    const output: GradeOutput = { format: format as Format };
    if (outs[i] !== undefined) output.out = outs[i];
    return output;
  });
}

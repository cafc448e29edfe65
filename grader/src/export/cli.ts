// npm run export -- DIR [--repository OWNER/NAME] [--ref TAG]: the student
// repository, without the solutions, ready to push as a Classroom template.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ExportUsageError } from "./errors.ts";
import { defaultRef, exportStudentRepository } from "./export.ts";
import { listExercises } from "../exercises.ts";
import { spawnSync } from "node:child_process";
import { shipExpectedTests } from "../grade/expected-tests.ts";
import { shipMistakeSignatures } from "../grade/known-mistakes.ts";
import { shipStubDigests } from "../grade/untouched.ts";

const courseRoot = fileURLToPath(new URL("../../..", import.meta.url));

const HELP = `Usage: npm run export -- DIR [--repository OWNER/NAME] [--ref TAG]

Writes the student repository into DIR (a new or empty folder): the exercises,
the test kit, the grader's grading part, a README for students, the GitHub
Classroom workflow, a devcontainer and docs/gradescope/. No solutions.

Options:
  --repository OWNER/NAME  the student template repository (where you push DIR) that
                           the Classroom workflow checks out, pristine, to grade against.
                           Default: the students' own owner (on Classroom, the organization)
                           and DIR's folder name: \${{ github.repository_owner }}/<DIR name>
  --ref TAG                the release of it the workflow grades against: tag DIR's first
                           commit with it. Default: the course's version, ${defaultRef(courseRoot)}
  --help                   show this help
`;

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const REF = /^[A-Za-z0-9_./-]+$/;

function parse(argv: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { repository: { type: "string" }, ref: { type: "string" }, help: { type: "boolean", default: false } },
    });
    return { values, positionals };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
    throw new ExportUsageError(`${message.replace(/\. To specify a positional argument.*$/, "")} (see --help)`);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parse(process.argv.slice(2));
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (positionals.length !== 1) throw new ExportUsageError("give one folder to export into: npm run export -- DIR (see --help)");
  if (values.repository !== undefined && !REPOSITORY.test(values.repository)) {
    throw new ExportUsageError(`--repository takes OWNER/NAME, not "${values.repository}"`);
  }
  if (values.ref !== undefined && !REF.test(values.ref)) throw new ExportUsageError(`--ref takes a tag or branch name, not "${values.ref}"`);
  const dir = path.resolve(positionals[0]!);
  const result = exportStudentRepository({
    courseRoot,
    dir,
    ...(values.repository === undefined ? {} : { repository: values.repository }),
    ...(values.ref === undefined ? {} : { ref: values.ref }),
  });
  // The stubs' tests, collected here once, so that a fresh install (every
  // Classroom push) grades without first running all the stubs.
  const shipped = await shipExpectedTests(listExercises(courseRoot), dir, courseRoot);
  shipped.push(...shipKnownMistakes(dir));
  // The stubs' digests: in the student repository, exercises/*/src is the student's work.
  shipped.push(shipStubDigests(listExercises(courseRoot), dir, courseRoot));
  const shown = positionals[0]!;
  const known = REPOSITORY.test(result.repository);
  process.stdout.write(
    [
      `Wrote the student repository to ${shown} (${result.files.length + shipped.length} files).`,
      `Its Classroom workflow grades every push against ${result.repository} at ${result.ref}. To publish it there:`,
      `  cd ${shown} && git init -b main && git add -A && git commit -m "The course, ${result.ref}" && git tag ${result.ref}`,
      `  git remote add origin ${known ? `https://github.com/${result.repository}.git` : "<that repository's URL>"} && git push origin main ${result.ref}`,
      "then make it a template repository (Settings → Template repository) and start the Classroom assignment from it.",
      "",
    ].join("\n"),
  );
}

/**
 * The wrong ways' failure signatures (grade/known-mistakes.ts), as the course
 * check stored them for the tests as they are: the student repository has no
 * solutions/ to compute them from. Exercises without them are checked first
 * (npm run check, which stores them when it passes).
 */
function shipKnownMistakes(dir: string): string[] {
  const first = shipMistakeSignatures(listExercises(courseRoot), dir, courseRoot);
  const { missing } = first;
  if (missing.length === 0) return first.written;
  process.stderr.write(`export: the wrong ways' signatures of ${missing.join(", ")} are not stored yet: running the course check for them\n`);
  const courseCheck = fileURLToPath(new URL("../../bin/course-check.js", import.meta.url));
  const check = spawnSync(process.execPath, [courseCheck, ...missing], { stdio: ["ignore", process.stderr, "inherit"] });
  if (check.status !== 0)
    throw new Error(`the course check of ${missing.join(", ")} failed (npm run check -- ${missing.join(" ")}): fix it before exporting`);
  const second = shipMistakeSignatures(missing, dir, courseRoot);
  if (second.missing.length > 0) throw new Error(`the course check stored no signatures for ${second.missing.join(", ")}`);
  return [...first.written, ...second.written];
}

main().catch((error: unknown) => {
  process.stderr.write(`export: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof ExportUsageError ? 2 : 1;
});

// npm run compare -- A B [C…] [--class class.json] [--diff ID] [--all]
import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { UsageError } from "../grade/usage-error.ts";
import { gradeClass } from "./class-run.ts";
import { comparedAsClass, compareText, srcDiff, studentOf, type Compared } from "./compare.ts";
import { diffSectionHtml, reportHtml } from "./report-html.ts";
import { timelinesSectionHtml } from "./compare-timelines.ts";
import { readClassReport } from "./merge.ts";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";

const HELP = `Usage: npm run compare -- A B [C…] [options]

Puts submissions side by side: each exercise's score and the tests whose
results differ. A, B… are folders (a student repository, or laid out like
exercises/), graded now (cached like npm run class), or names of students of
a graded class (--class).

Options:
  --class FILE    a class.json written by npm run class: its students can be named
  --diff ID       also print the code of exercise ID, A's against B's, as a diff
  --all           list every test, not only those whose results differ
  --html FILE     also write them as a page: the report's tables for these submissions,
                  each test's requests as timelines side by side, and the diff
  --exercise ID   compare only this exercise (repeatable; for folders graded now)
  --course DIR    grade against another course's pristine exercises (default: this repository)
`;

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        class: { type: "string" },
        diff: { type: "string" },
        all: { type: "boolean", default: false },
        html: { type: "string" },
        exercise: { type: "string", multiple: true, default: [] },
        course: { type: "string" },
        help: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)} (see npm run compare -- --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (positionals.length < 2) throw new UsageError("give at least two submissions or students to compare (npm run compare -- A B)");
  const classReport = values.class ? readClassReport(values.class) : undefined;
  const compared: (Compared | undefined)[] = positionals.map((arg) => studentOf(classReport, arg));
  const folders = positionals.filter((arg, i) => !compared[i]);
  for (const folder of folders) {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      throw new UsageError(
        `${folder} is neither a folder nor ${classReport ? "a student of the class given" : "a student (give --class class-report/class.json to name students)"}`,
      );
    }
  }
  if (folders.length > 0) {
    // Graded as a small class of their own (one link per folder), so the cache and the sandboxed runs are the class run's.
    const classDir = mkdtempSync(path.join(tmpdir(), "course-compare-"));
    try {
      folders.forEach((folder, i) => symlinkSync(path.resolve(folder), path.join(classDir, String(i).padStart(3, "0")), "dir"));
      const graded = await gradeClass({
        classDir,
        jobs: Math.min(4, availableParallelism()),
        exercises: values.exercise,
        ...(values.course ? { course: path.resolve(values.course) } : {}),
      });
      folders.forEach((folder, i) => {
        const student = graded.students[i]!;
        if (!student.report) throw new UsageError(`${folder} could not be graded: ${student.message ?? "no report"}`);
        compared[positionals.indexOf(folder)] = { label: folder, dir: path.resolve(folder), report: student.report };
      });
    } finally {
      rmSync(classDir, { recursive: true, force: true });
    }
  }
  const ready = compared as Compared[];
  process.stdout.write(compareText(ready, values.all));
  const diff = values.diff ? srcDiff(ready[0]!, ready[1]!, values.diff) : undefined;
  if (diff) process.stdout.write(`\n${diff}`);
  if (values.html) {
    const diffSection = diff ? diffSectionHtml(`${values.diff}: ${ready[0]!.label} against ${ready[1]!.label}`, diff) : "";
    writeFileSync(values.html, reportHtml(comparedAsClass(ready), timelinesSectionHtml(ready) + diffSection));
    process.stdout.write(`wrote ${values.html}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`compare: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});

// npm run class -- DIR: grades a whole class (see HELP).
import { availableParallelism } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { UsageError } from "../grade/usage-error.ts";
import { clusterLine, analyseClass } from "./analysis.ts";
import { gradeClass } from "./class-run.ts";
import { readClassroomScores } from "./classroom-scores.ts";
import { writeClassOutputs } from "./outputs.ts";
import { progressPrinter } from "./progress.ts";
import { parseShard } from "./students.ts";

const HELP = `Usage: npm run class -- DIR [options]

Grades every student under DIR (one folder each: a student repository, or a
folder laid out like exercises/) and writes grades.csv, class.json and report.html.

Options:
  --out DIR          where the reports go (default: class-report/)
  --jobs N           students graded at once, each one test file at a time, so at most N
                     exercises at once (default: the number of CPU cores, at most 4)
  --shard i/n        grade only the i-th of n slices of the class (stable by student name);
                     join the shards' class.json with npm run class:merge
  --exercise ID      grade only this exercise (repeatable)
  --template DIR     the student repository as exported (npm run export): flag every file a
                     student should not edit that differs from it (tests, workflow, configs)
  --classroom FILE   GitHub Classroom's grades CSV for the assignment: flag every student
                     whose Classroom points differ from this regrade
  --cache DIR        the results cache (default: node_modules/.cache/course-grader/class-results)
  --course DIR       grade against another course's pristine exercises (default: this repository)
  --help             show this help
`;

async function main(): Promise<void> {
  const { values, positionals } = (() => {
    try {
      return parseArgs({
        allowPositionals: true,
        options: {
          out: { type: "string", default: "class-report" },
          jobs: { type: "string" },
          shard: { type: "string" },
          exercise: { type: "string", multiple: true, default: [] },
          template: { type: "string" },
          classroom: { type: "string" },
          cache: { type: "string" },
          course: { type: "string" },
          help: { type: "boolean", default: false },
        },
      });
    } catch (error) {
      throw new UsageError(`${error instanceof Error ? error.message : String(error)} (see npm run class -- --help)`);
    }
  })();
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (positionals.length !== 1) throw new UsageError(`give one class folder, e.g. npm run class -- submissions/ (got ${positionals.length})`);
  const jobs = values.jobs === undefined ? Math.min(4, availableParallelism()) : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number of at least 1 (got ${values.jobs})`);
  const report = await gradeClass({
    classDir: positionals[0]!,
    jobs,
    exercises: values.exercise,
    ...(values.shard ? { shard: parseShard(values.shard) } : {}),
    ...(values.template ? { template: path.resolve(values.template) } : {}),
    ...(values.classroom ? { classroom: readClassroomScores(values.classroom) } : {}),
    ...(values.cache ? { cacheDir: path.resolve(values.cache) } : {}),
    ...(values.course ? { course: path.resolve(values.course) } : {}),
    onProgress: progressPrinter(),
  });
  const files = writeClassOutputs(report, path.resolve(values.out));
  const graded = report.students.filter((s) => s.report);
  process.stdout.write(
    `class: ${report.students.length} students (${report.students.length - graded.length} not gradable); ` +
      `${report.graded} exercises graded in ${report.vitestRuns} vitest runs, ${report.reused} results reused (cache or identical src/), ${(report.durationMs / 1000).toFixed(1)} s\n`,
  );
  for (const analysis of analyseClass(report)) {
    const named = analysis.clusters
      .filter((c) => c.name !== "unknown")
      .slice(0, 3)
      .map(clusterLine);
    process.stdout.write(
      `  ${analysis.id.padEnd(28)} full marks ${analysis.fullMarks}/${analysis.graded}${analysis.errors.length ? `, ${analysis.errors.length} error` : ""}${named.length ? `; ${named.join("; ")}` : ""}\n`,
    );
  }
  const flagged = report.students.filter((s) => s.protectedChanges.length > 0 || s.classroomMismatch);
  if (flagged.length > 0) process.stdout.write(`flagged: ${flagged.map((s) => s.name).join(", ")} (see report.html, "Flags")\n`);
  process.stdout.write(`wrote ${files.map((f) => path.relative(process.cwd(), f)).join(", ")}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`class: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});

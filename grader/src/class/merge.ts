// npm run class:merge: joins the class.json of each shard into one report.
import { readFileSync } from "node:fs";
import { UsageError } from "../grade/usage-error.ts";
import type { ClassReport } from "./types.ts";

export function readClassReport(file: string): ClassReport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`cannot read ${file} as a class report: ${error instanceof Error ? error.message : String(error)}`);
  }
  if ((parsed as ClassReport | undefined)?.format !== "course-class-report")
    throw new UsageError(`${file} is not a class.json written by npm run class`);
  return parsed as ClassReport;
}

/**
 * One report from the shards' reports. They must have graded the same
 * exercises with the same course version (else their scores do not compare),
 * and no student may be in two (a shard given twice, or overlapping runs).
 */
export function mergeClassReports(reports: readonly { file: string; report: ClassReport }[]): ClassReport {
  const [first, ...rest] = reports;
  if (!first) throw new UsageError("give the class.json of each shard to merge");
  const signature = (r: ClassReport) => r.exercises.map((e) => `${e.id}@${e.courseVersion}`).join(",");
  for (const other of rest) {
    if (signature(other.report) !== signature(first.report)) {
      throw new UsageError(
        `${other.file} graded other exercises or another course version than ${first.file}: grade every shard with the same course`,
      );
    }
  }
  const seen = new Map<string, string>();
  for (const { file, report } of reports) {
    for (const student of report.students) {
      const before = seen.get(student.name);
      if (before) throw new UsageError(`${student.name} is in both ${before} and ${file}: each student belongs to one shard`);
      seen.set(student.name, file);
    }
  }
  const shards = reports.flatMap((r) => r.report.shards);
  return {
    ...first.report,
    exercises: first.report.exercises.map((e) => ({
      ...e,
      maxScore: Math.max(...reports.map((r) => r.report.exercises.find((x) => x.id === e.id)?.maxScore ?? 0)),
    })),
    shards: shards.sort((a, b) => a.index - b.index),
    students: reports.flatMap((r) => r.report.students).sort((a, b) => (a.name < b.name ? -1 : 1)),
    graded: reports.reduce((sum, r) => sum + r.report.graded, 0),
    reused: reports.reduce((sum, r) => sum + r.report.reused, 0),
    vitestRuns: reports.reduce((sum, r) => sum + (r.report.vitestRuns ?? 0), 0),
    durationMs: Math.max(...reports.map((r) => r.report.durationMs)),
  };
}

/** The shards a merged report lacks ("3/4"), so that a missing matrix job is said, not silently a smaller class. */
export function missingShards(report: ClassReport): string[] {
  const count = report.shards[0]?.count;
  if (count === undefined) return [];
  return Array.from({ length: count }, (_, i) => i + 1)
    .filter((i) => !report.shards.some((s) => s.index === i && s.count === count))
    .map((i) => `${i}/${count}`);
}

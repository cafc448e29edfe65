// npm run compare -- A B [C…]: submissions side by side. Each is a folder
// (graded now, through the class run's cache) or a student of a graded class
// (--class class-report/class.json). Prints each exercise's score and a
// per-test pass/fail matrix and the virtual-time figures the tests recorded
// (makespan, peak requests in flight); --diff ID prints the code of exercise ID of the
// first two as a unified diff.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createTwoFilesPatch } from "diff";
import type { CourseReport, GradedExercise } from "../grade/grade.ts";
import type { TestFigures } from "../run/messages.ts";
import { locateSubmission, submittedSrc } from "../grade/submission.ts";
import { UsageError } from "../grade/usage-error.ts";
import type { ClassReport } from "./types.ts";
import { filesUnder } from "../files-under.ts";

export interface Compared {
  /** As given on the command line. */
  label: string;
  /** The folder its code is read from. */
  dir: string;
  report: CourseReport;
}

/** A student of a graded class by name, or undefined when the class has none so named. */
export function studentOf(classReport: ClassReport | undefined, name: string): Compared | undefined {
  const student = classReport?.students.find((s) => s.name === name);
  if (!student) return undefined;
  if (!student.report) throw new UsageError(`${name} could not be graded in that class: ${student.message ?? "no report"}`);
  return { label: name, dir: student.dir, report: student.report };
}

const mark = (status: "pass" | "fail" | undefined) => (status === "pass" ? "✓" : status === "fail" ? "✗" : "·");

/** The side-by-side text: per exercise, the scores, then every test whose result differs between them (or all, with `all`). */
export function compareText(compared: readonly Compared[], all = false): string {
  const labels = compared.map((c, i) => `${String.fromCharCode(65 + i)}`);
  const lines = compared.map((c, i) => `${labels[i]}: ${c.label}  ${c.report.score}/${c.report.maxScore}`);
  const ids = [...new Set(compared.flatMap((c) => c.report.exercises.map((e) => e.id)))];
  for (const id of ids) {
    const exercises = compared.map((c) => c.report.exercises.find((e) => e.id === id));
    const scores = exercises.map((e) => (e ? (e.status === "error" ? "error" : `${e.score}/${e.maxScore}`) : "—"));
    lines.push("", `${id}  ${labels.map((l, i) => `${l} ${scores[i]}`).join("  ")}`);
    for (const [i, e] of exercises.entries()) {
      if (e?.status === "error") lines.push(`  ${labels[i]}: error: ${e.message ?? ""}`);
      else if (e?.knownMistake) lines.push(`  ${labels[i]}: known mistake ${e.knownMistake.name}`);
    }
    const names = [...new Set(exercises.flatMap((e) => e?.tests.map((t) => t.name) ?? []))];
    const rows = names
      .map((name) => ({ name, marks: exercises.map((e) => mark(e?.tests.find((t) => t.name === name)?.status)) }))
      .filter((row) => all || new Set(row.marks).size > 1);
    if (rows.length > 0) lines.push(`  ${labels.join(" ")}`);
    for (const row of rows) lines.push(`  ${row.marks.join(" ")}  ${row.name}`);
    if (rows.length === 0 && names.length > 0) lines.push("  (every test: the same result for all)");
    lines.push(...figureLines(labels, exercises, all));
  }
  return `${lines.join("\n")}\n`;
}

/** "1200 ms, 3 at once": a test's makespan and peak of requests in flight ("—" when it recorded neither). */
export function describeFigures(figures: TestFigures | undefined): string {
  const parts = [
    ...(figures?.makespanMs === undefined ? [] : [`${figures.makespanMs} ms`]),
    ...(figures?.peakInFlight === undefined ? [] : [`${figures.peakInFlight} at once`]),
  ];
  return parts.length > 0 ? parts.join(", ") : "—";
}

/**
 * The virtual-time figures the tests recorded, side by side: the exercise's
 * total (its tests' makespans added up, and the highest peak of requests in
 * flight), then each test whose figures differ between the submissions (all with `all`).
 */
function figureLines(labels: readonly string[], exercises: readonly (GradedExercise | undefined)[], all: boolean): string[] {
  const names = [...new Set(exercises.flatMap((e) => e?.tests.filter((t) => t.figures).map((t) => t.name) ?? []))];
  if (names.length === 0) return [];
  const total = (e: GradedExercise | undefined): TestFigures | undefined => {
    const figures = e?.tests.flatMap((t) => (t.figures ? [t.figures] : [])) ?? [];
    if (figures.length === 0) return undefined;
    const makespans = figures.flatMap((f) => (f.makespanMs === undefined ? [] : [f.makespanMs]));
    const peaks = figures.flatMap((f) => (f.peakInFlight === undefined ? [] : [f.peakInFlight]));
    return {
      ...(makespans.length ? { makespanMs: Math.round(makespans.reduce((a, b) => a + b, 0) * 1000) / 1000 } : {}),
      ...(peaks.length ? { peakInFlight: Math.max(...peaks) } : {}),
    };
  };
  const lines = [
    `  virtual time (makespan, peak requests in flight), all tests: ${labels.map((l, i) => `${l} ${describeFigures(total(exercises[i]))}`).join("  ")}`,
  ];
  const rows = names
    .map((name) => ({ name, cells: exercises.map((e) => describeFigures(e?.tests.find((t) => t.name === name)?.figures)) }))
    .filter((row) => all || new Set(row.cells).size > 1);
  const width = Math.max(...rows.flatMap((row) => row.cells.map((c) => c.length)), 1);
  for (const row of rows) lines.push(`  ${row.cells.map((c, i) => `${labels[i]} ${c.padEnd(width)}`).join("  ")}  ${row.name}`);
  return lines;
}

/** The unified diff of exercise `id`'s src/ between two submissions (links and other special files are not read). */
export function srcDiff(a: Compared, b: Compared, id: string): string {
  const srcA = submittedSrc(locateSubmission(a.dir), id);
  const srcB = submittedSrc(locateSubmission(b.dir), id);
  const files = [...new Set([...filesUnder(srcA), ...filesUnder(srcB)])].sort();
  const read = (src: string | undefined, rel: string) => {
    const file = src ? path.join(src, rel) : undefined;
    return file && existsSync(file) && statSync(file).isFile() ? readFileSync(file, "utf8") : "";
  };
  const patches = files
    .map((rel) => ({ rel, before: read(srcA, rel), after: read(srcB, rel) }))
    .filter((f) => f.before !== f.after)
    .map((f) => createTwoFilesPatch(`${a.label}/${id}/src/${f.rel}`, `${b.label}/${id}/src/${f.rel}`, f.before, f.after, "", "", { context: 3 }));
  return patches.length === 0 ? `${id}: the src/ of ${a.label} and ${b.label} are the same\n` : patches.join("");
}

/** The compared submissions as a class report, for report.html's tables (npm run compare -- --html). */
export function comparedAsClass(compared: readonly Compared[]): ClassReport {
  const ids = [...new Set(compared.flatMap((c) => c.report.exercises.map((e) => e.id)))];
  return {
    format: "course-class-report",
    version: 1,
    exercises: ids.map((id) => ({
      id,
      maxScore: Math.max(0, ...compared.flatMap((c) => c.report.exercises.filter((e) => e.id === id).map((e) => e.maxScore))),
      courseVersion: "",
    })),
    shards: [],
    students: compared.map((c) => ({ name: c.label, dir: c.dir, status: "graded", report: c.report, protectedChanges: [] })),
    graded: 0,
    reused: 0,
    vitestRuns: 0,
    durationMs: 0,
  };
}

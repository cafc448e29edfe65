import type { CourseReport } from "../grade/grade.ts";
import type { ScoreMismatch } from "./classroom-scores.ts";
import type { ProtectedChange } from "./protected-files.ts";

/** One student of a class, as class.json holds them. */
export interface StudentResult {
  /** Their folder's name (grades.csv's first column). */
  name: string;
  /** Their folder, as given to the class run (compare reads their code from it). */
  dir: string;
  /** graded: `report` holds every exercise; error: the folder could not be graded at all (`message` says why). */
  status: "graded" | "error";
  message?: string;
  report?: CourseReport;
  /** Files the student should not edit that differ from the template (protected-files.ts). */
  protectedChanges: ProtectedChange[];
  /** Set when Classroom's points (from --classroom) differ from the regrade. */
  classroomMismatch?: ScoreMismatch;
  /** Classroom had no row for this student (only with --classroom). */
  classroomMissing?: true;
}

/** class.json: every student's full report, and what is needed to merge shards. */
export interface ClassReport {
  format: "course-class-report";
  version: 1;
  /** Each exercise graded, with its points, in order. */
  exercises: { id: string; maxScore: number; courseVersion: string }[];
  /** The shards merged into this report (none: one run graded the whole class). */
  shards: { index: number; count: number }[];
  students: StudentResult[];
  /** Exercises graded by this run (per distinct src/), and taken from the cache or another student's identical src/. */
  graded: number;
  reused: number;
  /** vitest runs it took to grade them (a student's exercises share one where they can: run/batch.ts). */
  vitestRuns: number;
  durationMs: number;
}

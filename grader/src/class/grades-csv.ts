// grades.csv: one row per student, for a spreadsheet and for a learning
// platform's CSV grade import (grader/README.md, "Grading a class", says why
// these columns):
//
//   Student, SIS Login ID, Section, <one column per exercise>, Total
//
// - Student: the student's folder name (first, as instructors look for it).
// - SIS Login ID: the same name. Canvas's gradebook import matches a row by
//   Student name, Student ID, SIS User ID or SIS Login ID and expects the
//   SIS Login ID and Section columns; Moodle's CSV import asks which column
//   identifies the user ("Map from") and which field it is ("Map to").
//   Classroom folders are named by GitHub usernames: where the platform's
//   login differs, replace this column from the roster before importing.
// - Section: empty (Canvas keeps the student's own).
// - One column per exercise ("02-concurrent-requests"), then "Total": points,
//   as numbers; an exercise that could not be graded scores 0 (its reason is
//   in class.json and report.html), and a student whose folder could not be
//   graded at all has empty cells (nothing to import), never a guessed 0.
import { csvRows } from "./csv.ts";
import type { ClassReport } from "./types.ts";

export function gradesCsv(report: ClassReport): string {
  const header = ["Student", "SIS Login ID", "Section", ...report.exercises.map((e) => e.id), "Total"];
  const rows = report.students.map((student) => {
    const byId = new Map(student.report?.exercises.map((e) => [e.id, e.score]) ?? []);
    const scores = report.exercises.map((e) => byId.get(e.id) ?? "");
    return [student.name, student.name, "", ...scores, student.report ? student.report.score : ""];
  });
  return csvRows([header, ...rows]);
}

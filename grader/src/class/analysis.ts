// What went wrong, by the class: for each exercise, how many reached full
// marks, the tests most often failed, and the students grouped by the exact
// set of tests they fail. A group whose set is a known wrong way's signature
// carries its name (the grader named it in each report, grade/known-mistakes.ts);
// any other group is "unknown", shown by its signature.
import type { ClassReport } from "./types.ts";

export interface Cluster {
  /** The known wrong way's name ("lifo-waiters"), or "unknown". */
  name: string;
  explanation?: string;
  /** The failing tests, sorted: the cluster's signature. */
  failed: string[];
  students: string[];
}

export interface ExerciseAnalysis {
  id: string;
  maxScore: number;
  /** Students graded for it (not counting students whose folder could not be graded at all). */
  graded: number;
  fullMarks: number;
  notStarted: number;
  /** Students whose exercise could not be graded (a hang, a crash, a syntax error), with why. */
  errors: { student: string; message: string }[];
  /** Tests failed by at least one student who started, most failed first. */
  mostFailed: { test: string; students: number }[];
  /** Students who started and did not reach full marks, grouped by their failing tests: biggest first. */
  clusters: Cluster[];
}

export function analyseClass(report: ClassReport): ExerciseAnalysis[] {
  return report.exercises.map(({ id, maxScore }) => {
    const analysis: ExerciseAnalysis = { id, maxScore, graded: 0, fullMarks: 0, notStarted: 0, errors: [], mostFailed: [], clusters: [] };
    const failures = new Map<string, number>();
    const groups = new Map<string, Cluster>();
    for (const student of report.students) {
      const exercise = student.report?.exercises.find((e) => e.id === id);
      if (!exercise) continue;
      analysis.graded++;
      if (exercise.status === "pass") analysis.fullMarks++;
      else if (exercise.status === "error") analysis.errors.push({ student: student.name, message: exercise.message ?? "could not be graded" });
      else if (exercise.notStarted) analysis.notStarted++;
      else {
        const failed = [...new Set(exercise.tests.filter((t) => t.status === "fail").map((t) => t.name))].sort();
        for (const test of failed) failures.set(test, (failures.get(test) ?? 0) + 1);
        const key = JSON.stringify(failed);
        const group = groups.get(key) ?? {
          name: exercise.knownMistake?.name ?? "unknown",
          ...(exercise.knownMistake ? { explanation: exercise.knownMistake.explanation } : {}),
          failed,
          students: [],
        };
        group.students.push(student.name);
        groups.set(key, group);
      }
    }
    analysis.mostFailed = [...failures]
      .map(([test, students]) => ({ test, students }))
      .sort((a, b) => b.students - a.students || (a.test < b.test ? -1 : 1));
    analysis.clusters = [...groups.values()].sort((a, b) => b.students.length - a.students.length || (a.name < b.name ? -1 : 1));
    return analysis;
  });
}

/** "LIFO waiters: 9 students" style, for a terminal: the cluster's name, or "unknown" with its signature. */
export function clusterLine(cluster: Cluster): string {
  const who = `${cluster.students.length} student${cluster.students.length === 1 ? "" : "s"}`;
  return cluster.name === "unknown" ? `unknown (fails: ${cluster.failed.join("; ")}): ${who}` : `${cluster.name}: ${who}`;
}

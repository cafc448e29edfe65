// What the runner knows of an exercise without running its tests: the report
// it last got for exactly this content of tests and src/ (remembered between
// starts in node_modules/.cache), or, in a student repository, that the
// exercise is the untouched stub the course exported (it fails every test:
// the course check proves it before every release).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fingerprint, shippedDir } from "@course/grader/expected-tests";
import type { GradedExercise } from "@course/grader/grade";

interface Remembered {
  key: string;
  report: GradedExercise;
}

const progressFile = (course: string) => path.join(course, "node_modules", ".cache", "course-runner", "progress.json");

export function loadProgress(course: string): Map<string, Remembered> {
  try {
    const saved = JSON.parse(readFileSync(progressFile(course), "utf8")) as Record<string, Remembered>;
    return new Map(Object.entries(saved));
  } catch {
    return new Map();
  }
}

/**
 * Remembers a report for the content it graded. An exercise that could not be
 * graded is not remembered: the next start tries again.
 */
export function remember(course: string, progress: Map<string, Remembered>, id: string, key: string, report: GradedExercise): void {
  if (report.status === "error" || key === "") progress.delete(id);
  else progress.set(id, { key, report });
  const file = progressFile(course);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(Object.fromEntries(progress)));
    renameSync(`${file}.tmp`, file);
  } catch {
    // Not remembered: the next start tests the exercise again.
  }
}

const contentKey = (id: string, course: string): string => {
  try {
    return fingerprint(id, course);
  } catch {
    return "";
  }
};

/** The report of exercise `id` as it stands, when it is known without a run. */
export function knownReport(id: string, course: string, progress: ReadonlyMap<string, Remembered>): GradedExercise | undefined {
  const key = contentKey(id, course);
  if (key === "") return undefined;
  const remembered = progress.get(id);
  if (remembered?.key === key) return remembered.report;
  let shipped: { name: string; file: string; points: number; line?: number }[];
  try {
    shipped = JSON.parse(readFileSync(path.join(shippedDir(course), `${id}-${key}.json`), "utf8"));
  } catch {
    return undefined;
  }
  const tests = shipped.map((test) => ({
    name: test.name,
    file: test.file,
    ...(test.line === undefined ? {} : { line: test.line }),
    status: "fail" as const,
    score: 0,
    maxScore: test.points,
    message: "not started yet: src/ is the stub as the course gave it",
    durationMs: 0,
  }));
  const maxScore = tests.reduce((sum, test) => sum + test.maxScore, 0);
  return { id, score: 0, maxScore, status: "fail", tests, alteredFiles: [] };
}

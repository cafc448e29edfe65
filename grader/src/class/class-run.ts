// npm run class: grades every student of a class. Each exercise of each
// student is looked up in the cache by what its result depends on
// (fingerprint.ts); students whose src/ for an exercise is identical share one
// grading; what is left runs through one pool, at most `jobs` exercises at once,
// each in the grader's own sandboxed run (grade/grade.ts), so a hostile
// student's exercise is that exercise's error and the rest go on.
import { courseRoot, listExercises } from "../exercises.ts";
import { gradeCourse, type CourseReport, type GradedExercise } from "../grade/grade.ts";
import { alteredFiles, locateSubmission, submittedSrc, type Submission } from "../grade/submission.ts";
import { UsageError } from "../grade/usage-error.ts";
import { pool } from "../pool.ts";
import type { RunLimits } from "../run/limits.ts";
import { classroomScoreOf, scoreMismatch, type ClassroomScore } from "./classroom-scores.ts";
import { courseVersion, srcDigest } from "./fingerprint.ts";
import type { Progress } from "./progress.ts";
import { protectedChanges } from "./protected-files.ts";
import { openResultCache, resultKey } from "./result-cache.ts";
import { inShard, listStudents, type Shard } from "./students.ts";
import type { ClassReport, StudentResult } from "./types.ts";

interface ClassRequest {
  classDir: string;
  /** The course whose pristine exercises grade the class (default: this repository). */
  course?: string;
  exercises?: string[];
  jobs: number;
  shard?: Shard;
  /** The cache's folder (default: node_modules/.cache/course-grader/class-results). */
  cacheDir?: string;
  /** The student repository as exported, to flag every protected file that differs (protected-files.ts). */
  template?: string;
  /** Classroom's own points, to flag a student whose regrade differs. */
  classroom?: readonly ClassroomScore[];
  limits?: Partial<RunLimits>;
  onProgress?: (progress: Progress) => void;
}

interface Located {
  name: string;
  dir: string;
  submission?: Submission;
  error?: string;
}

/** An exercise the grader itself failed on (not the student's code): an error of that exercise, said as such. */
function graderFailure(id: string, error: unknown): GradedExercise {
  const why = error instanceof Error ? error.message : String(error);
  return { id, score: 0, maxScore: 0, status: "error", message: `the grader could not grade this exercise: ${why}`, tests: [], alteredFiles: [] };
}

export async function gradeClass(request: ClassRequest): Promise<ClassReport> {
  const started = Date.now();
  const course = request.course ?? courseRoot;
  const known = listExercises(course);
  const ids = request.exercises?.length ? request.exercises : known;
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new UsageError(`unknown exercise ${unknown.join(", ")}; the course's: ${known.join(", ")}`);
  const cache = openResultCache(request.cacheDir);
  const versions = new Map(ids.map((id) => [id, courseVersion(id, course)]));

  const students: Located[] = inShard(listStudents(request.classDir), request.shard).map(({ name, dir }) => {
    try {
      return { name, dir, submission: locateSubmission(dir) };
    } catch (error) {
      return { name, dir, error: error instanceof Error ? error.message : String(error) };
    }
  });

  // What each student's exercise needs: a key, and a result from the cache or a grading shared by every identical src/.
  const keys = new Map<string, string>();
  const results = new Map<string, GradedExercise>();
  const toGrade = new Map<string, { id: string; dir: string }>();
  let reused = 0;
  for (const student of students) {
    if (!student.submission) continue;
    for (const id of ids) {
      const key = resultKey(id, versions.get(id)!, srcDigest(submittedSrc(student.submission, id)));
      keys.set(`${student.name}\0${id}`, key);
      if (results.has(key) || toGrade.has(key)) {
        reused++;
        continue;
      }
      const cached = cache.get(key);
      if (cached) {
        results.set(key, cached);
        reused++;
      } else toGrade.set(key, { id, dir: student.dir });
    }
  }

  // One grading per student with something left to grade: their exercises share one vitest run (run/batch.ts).
  const perStudent = new Map<string, { id: string; key: string }[]>();
  for (const [key, { id, dir }] of toGrade) perStudent.set(dir, [...(perStudent.get(dir) ?? []), { id, key }]);
  let done = 0;
  let vitestRuns = 0;
  const total = toGrade.size;
  request.onProgress?.({ done, total, elapsedMs: Date.now() - started });
  // Each grading runs one test process at a time (jobs: 1), so `jobs` students at once is `jobs` exercises at once.
  await pool([...perStudent], request.jobs, async ([dir, wanted]) => {
    let report: CourseReport | undefined;
    let failure: unknown;
    try {
      report = await gradeCourse({
        submission: dir,
        course,
        exercises: wanted.map((w) => w.id),
        jobs: 1,
        ...(request.limits ? { limits: request.limits } : {}),
      });
    } catch (error) {
      failure = error;
    }
    for (const { id, key } of wanted) {
      const graded = report?.exercises.find((e) => e.id === id);
      if (graded) cache.set(key, graded);
      results.set(key, graded ?? graderFailure(id, failure ?? new Error("no report")));
    }
    vitestRuns += report?.vitestRuns ?? 0;
    done += wanted.length;
    request.onProgress?.({ done, total, elapsedMs: Date.now() - started });
  });

  const studentResults: StudentResult[] = students.map((student) => {
    if (!student.submission)
      return { name: student.name, dir: student.dir, status: "error", message: student.error ?? "not a submission", protectedChanges: [] };
    const submission = student.submission;
    const exercises = ids.map((id): GradedExercise => {
      const result = results.get(keys.get(`${student.name}\0${id}`)!)!;
      // The src/'s own notes (ignored links, configs) come with the result; the files outside src/ are this student's.
      const ignored = result.alteredFiles.filter((f) => f.change === "ignored");
      return { ...result, alteredFiles: [...safeAltered(submission, id, course), ...ignored] };
    });
    const report: CourseReport = {
      submission: student.name,
      score: exercises.reduce((sum, e) => sum + e.score, 0),
      maxScore: exercises.reduce((sum, e) => sum + e.maxScore, 0),
      exercises,
      unknownExercises: submission.ids.filter((id) => !known.includes(id)),
    };
    const result: StudentResult = {
      name: student.name,
      dir: student.dir,
      status: "graded",
      report,
      protectedChanges: protectedChanges(student.dir, exercises, course, request.template),
    };
    if (request.classroom) {
      const row = classroomScoreOf(student.name, request.classroom);
      if (!row) result.classroomMissing = true;
      const mismatch = scoreMismatch(row, report.score, report.maxScore);
      if (mismatch) result.classroomMismatch = mismatch;
    }
    return result;
  });

  const maxOf = (id: string) =>
    Math.max(0, ...studentResults.flatMap((s) => s.report?.exercises.filter((e) => e.id === id).map((e) => e.maxScore) ?? []));
  return {
    format: "course-class-report",
    version: 1,
    exercises: ids.map((id) => ({ id, maxScore: maxOf(id), courseVersion: versions.get(id)! })),
    shards: request.shard ? [request.shard] : [],
    students: studentResults,
    graded: total,
    reused,
    vitestRuns,
    durationMs: Date.now() - started,
  };
}

/** A student's altered files; a folder that cannot be read for them is no reason to lose the grade. */
function safeAltered(submission: Submission, id: string, course: string) {
  try {
    return alteredFiles(submission, id, course);
  } catch {
    return [];
  }
}

import path from "node:path";
import { courseRoot, exerciseDir, listExercises } from "../exercises.ts";
import { pool } from "../pool.ts";
import { runTests } from "../run/run-tests.ts";
import { DEFAULT_LIMITS, scoreRun, type ExerciseReport, type ScoreLimits } from "../score.ts";
import { expectedTests } from "./expected-tests.ts";
import { stageSubmittedSrc } from "./stage.ts";
import { alteredFiles, locateSubmission, type AlteredFile } from "./submission.ts";

export interface GradedExercise extends ExerciseReport {
  /**
   * Test files and given files the submission changed, deleted or added, and
   * files of its src/ that were not used (links, configuration): ignored, but reported.
   */
  alteredFiles: AlteredFile[];
}

export interface CourseReport {
  /** What was graded, as given (a path, or "exercises/"). */
  submission: string;
  score: number;
  maxScore: number;
  exercises: GradedExercise[];
  /** Folders in the submission that are not exercises of this course. */
  unknownExercises: string[];
  /** How long grading took, in wall-clock ms. */
  durationMs?: number;
}

export interface GradeRequest {
  submission?: string;
  /** The course whose pristine exercises grade it (default: this repository). */
  course?: string;
  exercises?: string[];
  jobs?: number;
  /** Time limits for each exercise's run (defaults: DEFAULT_LIMITS). */
  limits?: Partial<ScoreLimits>;
}

/**
 * Grades a submission (by default, `exercises/` as it stands): each exercise's
 * pristine tests run against a copy of the submitted `src/` (compiled with the
 * course's own TypeScript settings, see stage.ts) laid over the stub, in its
 * own killable process tree, several at once.
 */
export async function gradeCourse(request: GradeRequest = {}): Promise<CourseReport> {
  const started = Date.now();
  const course = request.course ?? courseRoot;
  const submission = locateSubmission(request.submission ?? path.join(course, "exercises"));
  const known = listExercises(course);
  const ids = request.exercises?.length ? request.exercises : known;
  const limits = { ...DEFAULT_LIMITS, ...request.limits };
  const exercises = await pool(ids, request.jobs ?? 2, async (id): Promise<GradedExercise> => {
    const pristine = exerciseDir(id, course);
    const staged = stageSubmittedSrc(submission, id, pristine);
    try {
      const [expected, run] = await Promise.all([
        expectedTests(id, course),
        runTests({ exerciseDir: pristine, srcDirs: staged.src ? [staged.src] : [], ...limits }),
      ]);
      return { ...scoreRun(id, expected, run, limits), alteredFiles: [...alteredFiles(submission, id, course), ...staged.ignored] };
    } finally {
      staged.remove();
    }
  });
  return {
    submission: request.submission ?? "exercises/",
    score: exercises.reduce((sum, e) => sum + e.score, 0),
    maxScore: exercises.reduce((sum, e) => sum + e.maxScore, 0),
    exercises,
    unknownExercises: submission.ids.filter((id) => !known.includes(id)),
    durationMs: Date.now() - started,
  };
}

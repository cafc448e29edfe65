import path from "node:path";
import { courseRoot, exerciseDir, listExercises } from "../exercises.ts";
import { pool } from "../pool.ts";
import { batchGroups, splitBatchRun } from "../run/batch.ts";
import { wasCutShort } from "../run/end-reason.ts";
import { DEFAULT_LIMITS, type RunLimits } from "../run/limits.ts";
import { runTests, type RunResult } from "../run/run-tests.ts";
import { scoreRun, type ExerciseReport } from "../score.ts";
import { expectedTests } from "./expected-tests.ts";
import { knownMistake, type KnownMistake } from "./known-mistakes.ts";
import { stageSubmittedSrc } from "./stage.ts";
import { alteredFiles, locateSubmission, type AlteredFile } from "./submission.ts";
import { typecheckSubmission, type TypeErrors } from "./type-errors.ts";
import { isUntouched, stubDigests } from "./untouched.ts";

export interface GradedExercise extends ExerciseReport {
  /**
   * Test files and given files the submission changed, deleted or added, and
   * files of its src/ that were not used (links, configuration): ignored, but reported.
   */
  alteredFiles: AlteredFile[];
  /**
   * True when the submission's src/ is the stub's own (untouched, see
   * untouched.ts) and scored 0: the reports show one "not started" line
   * instead of every failing test. The score is the run's, as for any exercise.
   */
  notStarted?: boolean;
  /**
   * True when the run was stopped or crashed before its end (run/end-reason.ts:
   * out of time or memory, a killed process): the machine, not the code, may be
   * to blame, so a class run grades it again instead of remembering it.
   */
  cutShort?: boolean;
  /**
   * The known wrong way (solutions/NN/wrong/<name>.patch) whose failing tests
   * are exactly this exercise's, when exactly one is (known-mistakes.ts): its
   * name and what is wrong, never its code.
   */
  knownMistake?: KnownMistake;
  /**
   * When the submission's src/ does not typecheck with the course's settings
   * and tests: a warning, never a change of score (type-errors.ts). Only with
   * `typecheck` asked for, and only for exercises the submission changed.
   */
  typeErrors?: TypeErrors;
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
  /** How many vitest runs it took (a batch is one; an exercise graded alone after its batch, one more). */
  vitestRuns?: number;
}

export interface GradeRequest {
  submission?: string;
  /** The course whose pristine exercises grade it (default: this repository). */
  course?: string;
  exercises?: string[];
  jobs?: number;
  /** Limits of each exercise's run (defaults: DEFAULT_LIMITS, run/limits.ts). */
  limits?: Partial<RunLimits>;
  /** Typecheck the exercises the submission changed, beside the runs (`npm run grade` does). */
  typecheck?: boolean;
  /** Told when the type check could not run (the report then has no type errors). */
  onTypecheckError?: (error: Error) => void;
  /**
   * Exercises asking the same sandbox grants share one vitest run (run/batch.ts),
   * each graded alone only where the batch cannot tell it apart; false: one run each.
   */
  batch?: boolean;
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
  let typecheck: ReturnType<typeof typecheckSubmission> | undefined;
  try {
    if (request.typecheck) typecheck = typecheckSubmission(submission, ids, course);
  } catch (error) {
    request.onTypecheckError?.(error instanceof Error ? error : new Error(String(error)));
  }
  const jobs = request.jobs ?? 2;
  /** Stages an exercise's src/ and notes, before any run, whether it is the stub's own (untouched.ts). */
  const prepare = (id: string) => {
    const pristine = exerciseDir(id, course);
    const staged = stageSubmittedSrc(submission, id, pristine);
    // Before the run: what the run's code does to its copy does not count.
    const untouched = isUntouched(staged.src, pristine, stubDigests(id, course));
    return { id, pristine, staged, untouched, srcDirs: staged.src ? [staged.src] : [] };
  };
  type Prepared = ReturnType<typeof prepare>;
  const finish = ({ id, staged, untouched }: Prepared, expected: Awaited<ReturnType<typeof expectedTests>>, run: RunResult): GradedExercise => {
    const graded: GradedExercise = { ...scoreRun(id, expected, run), alteredFiles: [...alteredFiles(submission, id, course), ...staged.ignored] };
    if (wasCutShort(run.end)) graded.cutShort = true;
    if (untouched && graded.status === "fail" && graded.score === 0) graded.notStarted = true;
    else if (graded.status === "fail") {
      const mistake = knownMistake(
        id,
        graded.tests.filter((t) => t.status === "fail").map((t) => t.name),
        course,
      );
      if (mistake) graded.knownMistake = mistake;
    }
    return graded;
  };
  const runAlone = (p: Prepared) => runTests({ exerciseDir: p.pristine, srcDirs: p.srcDirs, ...limits });
  let runs = 0;
  // Exercises that may share one vitest run (batch.ts); each group is graded as one, several groups at once.
  const groups = request.batch === false ? ids.map((id) => [id]) : batchGroups(ids, course);
  const graded = await pool(groups, jobs, async (group): Promise<GradedExercise[]> => {
    const prepared: Prepared[] = [];
    try {
      for (const id of group) prepared.push(prepare(id));
      if (prepared.length === 1) {
        runs++;
        const [expected, run] = await Promise.all([expectedTests(group[0]!, course), runAlone(prepared[0]!)]);
        return [finish(prepared[0]!, expected, run)];
      }
      const [first, ...rest] = prepared as [Prepared, ...Prepared[]];
      runs++;
      const [expected, run] = await Promise.all([
        Promise.all(group.map((id) => expectedTests(id, course))),
        runTests({
          exerciseDir: first.pristine,
          srcDirs: first.srcDirs,
          batch: rest.map((p) => ({ exerciseDir: p.pristine, srcDirs: p.srcDirs })),
          ...limits,
          // The time of its exercises run one after another: a batch is never cut shorter than they would be.
          timeoutMs: limits.timeoutMs * group.length,
          workers: jobs,
        }),
      ]);
      const split = splitBatchRun(run, group, limits.testTimeoutMs);
      const results: GradedExercise[] = [];
      for (const [i, p] of prepared.entries()) {
        let own = split.get(p.id);
        // Not told apart in the batch (a hang, a crash, an error outside any test): graded alone, contained alone.
        if (!own) {
          runs++;
          own = await runAlone(p);
        }
        results.push(finish(p, expected[i]!, own));
      }
      return results;
    } finally {
      for (const p of prepared) p.staged.remove();
    }
  });
  const byId = new Map(graded.flat().map((e) => [e.id, e]));
  const exercises = ids.map((id) => byId.get(id)!);
  if (typecheck) {
    try {
      const types = await typecheck.result;
      for (const exercise of exercises) {
        const found = types.get(exercise.id);
        if (found && found.count > 0) exercise.typeErrors = found;
      }
    } catch (error) {
      request.onTypecheckError?.(error instanceof Error ? error : new Error(String(error)));
    }
  }
  return {
    submission: request.submission ?? "exercises/",
    score: exercises.reduce((sum, e) => sum + e.score, 0),
    maxScore: exercises.reduce((sum, e) => sum + e.maxScore, 0),
    exercises,
    unknownExercises: submission.ids.filter((id) => !known.includes(id)),
    durationMs: Date.now() - started,
    vitestRuns: runs,
  };
}

// The class run's cache: one file per graded exercise of a submission, named
// by what the result depends on (fingerprint.ts), so that re-running a class
// after two late submissions grades only what changed.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { courseRoot } from "../exercises.ts";
import type { GradedExercise } from "../grade/grade.ts";

const defaultCacheDir = path.join(courseRoot, "node_modules", ".cache", "course-grader", "class-results");

/** The cache key of one exercise of one submission. */
export const resultKey = (id: string, version: string, src: string) =>
  createHash("sha256").update(`${id}\0${version}\0${src}`).digest("hex").slice(0, 40);

/**
 * A run that may have ended by the machine's doing rather than the code's (out
 * of time, of memory, a crashed run: its end reason says so, see GradedExercise.cutShort):
 * graded again next time instead of remembered. A syntax error, a throw at
 * import or a call of process.exit is the code's own, and cached like any score.
 */
export const mayBeTheMachine = (exercise: GradedExercise) => exercise.cutShort === true;

interface ResultCache {
  get(key: string): GradedExercise | undefined;
  /** Remembers a result, without the files the student altered outside src/ (they are not in the key). */
  set(key: string, exercise: GradedExercise): void;
}

export function openResultCache(dir = defaultCacheDir): ResultCache {
  mkdirSync(dir, { recursive: true });
  const file = (key: string) => path.join(dir, `${key}.json`);
  return {
    get(key) {
      try {
        return JSON.parse(readFileSync(file(key), "utf8")) as GradedExercise;
      } catch {
        return undefined;
      }
    },
    set(key, exercise) {
      if (mayBeTheMachine(exercise)) return;
      const kept: GradedExercise = { ...exercise, alteredFiles: exercise.alteredFiles.filter((f) => f.change === "ignored") };
      // Written then renamed: two class runs sharing the cache never read half a file.
      const temporary = `${file(key)}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(kept));
      renameSync(temporary, file(key));
    },
  };
}

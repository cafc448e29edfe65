// Files a student should not edit (tests, the workflow, configuration, the
// files the exercise gives) that differ from the template. They never change
// a score (the grader always uses its own copies); they are flagged, because
// a student who edited the workflow or the tests may have faked Classroom's
// points, and the instructor wants to know.
import { createHash } from "node:crypto";
import { existsSync, lstatSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { givenFiles } from "@course/testkit/config";
import { EXERCISE_ID, exerciseDir } from "../exercises.ts";
import type { GradedExercise } from "../grade/grade.ts";

export interface ProtectedChange {
  /** Relative to the student's folder, with forward slashes: "exercises/05-semaphore/test/semaphore.test.ts", ".github/workflows/classroom.yml". */
  file: string;
  change: "changed" | "deleted" | "added";
}

/** An exercise's configuration: the student writes none of it. */
const EXERCISE_CONFIGS = ["package.json", "vitest.config.ts", "tsconfig.json"];

const digest = (file: string) => {
  const entry = lstatSync(file, { throwIfNoEntry: false });
  if (!entry?.isFile()) return entry ? "not a regular file" : undefined;
  return createHash("sha256").update(readFileSync(file)).digest("hex");
};

function filesUnder(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === ".git" || entry.name === "node_modules") return [];
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesUnder(path.join(dir, entry.name), rel) : [rel];
  });
}

/**
 * What a student wrote: an exercise's src/ files but the given ones, and
 * Markdown (notes and lessons change nothing that grades).
 */
function isStudentsOwn(rel: string, template: string): boolean {
  if (rel.endsWith(".md")) return true;
  const parts = rel.split("/");
  if (parts[0] !== "exercises" || !parts[1] || !EXERCISE_ID.test(parts[1]) || parts[2] !== "src") return false;
  const given = new Set(givenFiles(path.join(template, "exercises", parts[1])).map((f) => f.split(path.sep).join("/")));
  return !given.has(parts.slice(3).join("/"));
}

/** Where protected files may be added to effect (a workflow, a test file). */
const ADDED_MATTERS = /^(\.github\/|exercises\/[^/]+\/test\/)/;

/**
 * The protected files of a student's folder that differ from the template.
 * With `template` (the student repository as exported, e.g. by `npm run
 * export`, or a clone of the Classroom template) and a student repository:
 * every file of the template but what the student writes. Otherwise (or for
 * a folder laid out like exercises/): each exercise's tests and given files
 * (grade/submission.ts's alteredFiles, already in the report) and its
 * configuration, against the course's pristine exercises.
 */
export function protectedChanges(studentDir: string, exercises: readonly GradedExercise[], course: string, template?: string): ProtectedChange[] {
  const isRepository = existsSync(path.join(studentDir, "exercises"));
  const changes = new Map<string, ProtectedChange>();
  const add = (change: ProtectedChange) => changes.set(change.file, change);
  const exercisesRoot = isRepository ? "exercises/" : "";
  for (const exercise of exercises) {
    for (const altered of exercise.alteredFiles) {
      if (altered.change !== "ignored")
        add({ file: `${exercisesRoot}${exercise.id}/${altered.file.split(path.sep).join("/")}`, change: altered.change });
    }
    const theirs = path.join(studentDir, exercisesRoot, exercise.id);
    for (const config of EXERCISE_CONFIGS) {
      const submitted = digest(path.join(theirs, config));
      if (submitted !== undefined && submitted !== digest(path.join(exerciseDir(exercise.id, course), config))) {
        add({ file: `${exercisesRoot}${exercise.id}/${config}`, change: "changed" });
      }
    }
  }
  if (template && isRepository) {
    const templateFiles = filesUnder(template).filter((rel) => !isStudentsOwn(rel, template));
    const known = new Set(templateFiles);
    for (const rel of templateFiles) {
      const theirs = digest(path.join(studentDir, rel));
      if (theirs === undefined) add({ file: rel, change: "deleted" });
      else if (theirs !== digest(path.join(template, rel))) add({ file: rel, change: "changed" });
    }
    for (const rel of filesUnder(studentDir)) {
      if (!known.has(rel) && ADDED_MATTERS.test(rel) && !isStudentsOwn(rel, template)) add({ file: rel, change: "added" });
    }
  }
  return [...changes.values()].sort((a, b) => (a.file < b.file ? -1 : 1));
}

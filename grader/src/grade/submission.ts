import { createHash } from "node:crypto";
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { courseRoot, EXERCISE_ID, exerciseDir } from "../exercises.ts";
import { givenFiles } from "@course/testkit/config";
import { UsageError } from "./usage-error.ts";

/** Where a submission's exercise folders are, and what it holds. */
export interface Submission {
  /** The folder holding `NN-slug/` exercise folders. */
  root: string;
  /** Exercise folders found in it (known to the course or not). */
  ids: string[];
}

const isDir = (dir: string) => existsSync(dir) && statSync(dir).isDirectory();

/**
 * A submission is laid out like `exercises/` (`DIR/NN-slug/src/…`), or is a
 * whole student repository (a folder holding `exercises/`).
 */
export function locateSubmission(dir: string): Submission {
  const resolved = path.resolve(dir);
  if (!isDir(resolved)) throw new UsageError(`no such directory: ${dir}`);
  const root = isDir(path.join(resolved, "exercises")) ? path.join(resolved, "exercises") : resolved;
  const ids = readdirSync(root).filter((name) => EXERCISE_ID.test(name) && isDir(path.join(root, name)));
  if (ids.length === 0) {
    throw new UsageError(`${dir} holds no exercises/ folder and no exercise folders (named like 02-concurrent-requests)`);
  }
  return { root, ids: ids.sort() };
}

/** The `src/` a submission gives for an exercise, or none (graded as the untouched stub). */
export function submittedSrc(submission: Submission, id: string): string | undefined {
  const src = path.join(submission.root, id, "src");
  return isDir(src) ? src : undefined;
}

export interface AlteredFile {
  /** Relative to the exercise folder, e.g. "test/a.test.ts", "src/answer.ts". */
  file: string;
  /**
   * changed, deleted, added: a test file or a given file, of which the
   * original was used. ignored: a file of the submission's src/ that was not
   * used at all (a symbolic link, a configuration file; see stage.ts), with
   * the reason.
   */
  change: "changed" | "deleted" | "added" | "ignored";
  reason?: string;
}

/** What a submission holds there, without following a symbolic link (undefined: nothing). */
export const entryAt = (file: string) => lstatSync(file, { throwIfNoEntry: false });

/** A directory, not a symbolic link to one: a submission's links are never followed. */
const isRealDir = (dir: string) => entryAt(dir)?.isDirectory() === true;

function filesUnder(dir: string, prefix = ""): string[] {
  if (!isRealDir(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(prefix, entry.name);
    return entry.isDirectory() ? filesUnder(path.join(dir, entry.name), rel) : [rel];
  });
}

/** A file's content digest; anything but a regular file (a link, a FIFO) is never read, and differs. */
function digest(file: string): string {
  const entry = entryAt(file);
  if (!entry?.isFile()) return `not a regular file (${entry?.mode ?? "missing"})`;
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/**
 * Test files, and files the exercise gives (e.g. src/http-error.ts), that the
 * submission changed, deleted or added, compared with the grader's pristine
 * copy. They change nothing (the pristine ones are always used); the report
 * only says so.
 */
export function alteredFiles(submission: Submission, id: string, course = courseRoot): AlteredFile[] {
  const theirs = path.join(submission.root, id);
  const ours = exerciseDir(id, course);
  if (path.resolve(theirs) === path.resolve(ours)) return [];
  const altered: AlteredFile[] = [];
  // A submission without test/ holds only what it changed: nothing to compare.
  if (isRealDir(path.join(theirs, "test"))) {
    const original = new Set(filesUnder(path.join(ours, "test")));
    const submitted = new Set(filesUnder(path.join(theirs, "test")));
    for (const file of original) {
      const where = path.join("test", file);
      if (!submitted.has(file)) altered.push({ file: where, change: "deleted" });
      else if (differs(where)) altered.push({ file: where, change: "changed" });
    }
    for (const file of submitted) if (!original.has(file)) altered.push({ file: path.join("test", file), change: "added" });
  }
  for (const given of givenFiles(ours)) {
    const where = path.join("src", given);
    // Anything but a regular file there is not used at all, and reported as such (stage.ts).
    if (entryAt(path.join(theirs, where))?.isFile() && differs(where)) altered.push({ file: where, change: "changed" });
  }
  return altered;

  function differs(file: string): boolean {
    return digest(path.join(ours, file)) !== digest(path.join(theirs, file));
  }
}

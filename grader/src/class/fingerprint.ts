// Content digests for the class run's cache: what a result depends on.
//
// A cached result of one exercise of one submission stays right exactly as
// long as (1) the submission's src/ for that exercise, as a run would use it,
// and (2) the "course version" of that exercise do not change. The course
// version is everything else a run reads or a score depends on: the pristine
// exercise (tests, config, stub, given files, package.json), the test kit's
// source, the grader's own run/grade/score code, and the lockfile (the
// versions of vitest, msw and the rest).
import { createHash, type Hash } from "node:crypto";
import { existsSync, lstatSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { exerciseDir } from "../exercises.ts";

const graderSrc = path.resolve(import.meta.dirname, "..");

/** Adds every file under `dir` (by its path relative to `base`) to `hash`; a link is hashed by its kind, never followed. */
function addTree(hash: Hash, dir: string, base: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    const rel = path.relative(base, full).split(path.sep).join("/");
    if (entry.isDirectory()) addTree(hash, full, base);
    else if (entry.isFile()) hash.update(`file\0${rel}\0`).update(readFileSync(full)).update("\0");
    else hash.update(`other\0${rel}\0${entry.isSymbolicLink() ? "link" : "special"}\0`);
  }
}

const versionMemo = new Map<string, string>();

/**
 * The course version of exercise `id` in `course`: a digest of the pristine
 * exercise, the test kit's source, the grader's code that runs and scores,
 * and the lockfile. Memoised for the process (a class run reads it per exercise, not per student).
 */
export function courseVersion(id: string, course: string): string {
  const key = `${course}\0${id}`;
  const known = versionMemo.get(key);
  if (known) return known;
  const hash = createHash("sha256");
  addTree(hash, exerciseDir(id, course), exerciseDir(id, course));
  for (const part of ["run", "grade", "score.ts", "cut.ts"]) {
    const full = path.join(graderSrc, part);
    if (existsSync(full) && lstatSync(full).isFile()) hash.update(readFileSync(full));
    else addTree(hash, full, graderSrc);
  }
  const kit = path.resolve(graderSrc, "..", "..", "packages", "testkit", "src");
  addTree(hash, kit, kit);
  const lock = path.resolve(graderSrc, "..", "..", "package-lock.json");
  if (existsSync(lock)) hash.update(readFileSync(lock));
  const version = hash.digest("hex").slice(0, 20);
  versionMemo.set(key, version);
  return version;
}

/** The content of a submission's src/ for one exercise, as grade/stage.ts would copy it (regular files; the rest by name only). */
export function srcDigest(src: string | undefined): string {
  const hash = createHash("sha256");
  if (src === undefined) return "no-src";
  const entry = lstatSync(src, { throwIfNoEntry: false });
  if (!entry?.isDirectory()) return `not-a-folder:${entry ? (entry.isSymbolicLink() ? "link" : "other") : "missing"}`;
  addTree(hash, src, src);
  return hash.digest("hex").slice(0, 32);
}

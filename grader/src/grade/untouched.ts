// "Not started": an exercise whose src/, as a run would use it, is the stub's
// own. The report then shows one line for it instead of every failing test,
// and the type check skips it (the stubs typecheck: the course check says so).
//
// The stub's files are known by their digests. In the course repository, the
// stubs are exercises/*/src. In a student's repository, exercises/*/src is the
// student's own work, so `npm run export` ships the stubs' digests
// (grader/stub-digests.json); without them (and without solutions/, so not the
// course repository), nothing is taken for not started.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { givenFiles } from "@course/testkit/config";
import { courseRoot, exerciseDir, solutionDir } from "../exercises.ts";
import { filesUnder } from "../files-under.ts";

/** Where the student repository keeps the stubs' digests. */
const stubDigestsFile = (root: string) => path.join(root, "grader", "stub-digests.json");

const digest = (file: string) => {
  try {
    return createHash("sha256").update(readFileSync(file)).digest("hex");
  } catch {
    return undefined;
  }
};

/** The digest of each file of a `src/` folder, by its path in it ("semaphore.ts"). */
function digestsOf(src: string): Map<string, string> {
  return new Map(filesUnder(src).map((rel) => [rel, digest(path.join(src, rel))!]));
}

/**
 * The stub's `src/` files of an exercise, as digests: shipped (a student's
 * repository), or read from exercises/ in the course repository (the one with
 * solutions/). Undefined when there is no way to know.
 */
export function stubDigests(id: string, course = courseRoot): Map<string, string> | undefined {
  try {
    const shipped = JSON.parse(readFileSync(stubDigestsFile(course), "utf8")) as Record<string, Record<string, string>>;
    const own = shipped[id];
    if (own) return new Map(Object.entries(own));
  } catch {
    // None shipped: the course repository, or an older export.
  }
  return existsSync(solutionDir(id, course)) ? digestsOf(path.join(exerciseDir(id, course), "src")) : undefined;
}

/** Writes the digests of the stubs of every exercise named, as the course has them, where the course at `into` finds them. */
export function shipStubDigests(ids: readonly string[], into: string, root = courseRoot): string {
  const file = stubDigestsFile(into);
  mkdirSync(path.dirname(file), { recursive: true });
  const all = Object.fromEntries(ids.map((id) => [id, Object.fromEntries(digestsOf(path.join(exerciseDir(id, root), "src")))]));
  writeFileSync(file, `${JSON.stringify(all, null, 1)}\n`);
  return path.relative(into, file).split(path.sep).join("/");
}

/**
 * True when the submitted `src/` (as staged for a run: its regular files, see
 * stage.ts) changes nothing of the stub's (`stub`: its files' digests): every
 * file it holds is the stub's file of the same path, byte for byte, or a file
 * the exercise gives (the original is used anyway). A missing `src/`, or one
 * holding only some of the stub's files, is untouched too: the stub's files
 * stand in for the rest. Without the stub's digests, false: nothing is known.
 */
export function isUntouched(stagedSrc: string | undefined, exerciseDirectory: string, stub: ReadonlyMap<string, string> | undefined): boolean {
  if (stub === undefined) return false;
  if (stagedSrc === undefined) return true;
  const given = new Set(givenFiles(exerciseDirectory).map((file) => file.split(path.sep).join("/")));
  return filesUnder(stagedSrc).every((rel) => given.has(rel) || (stub.has(rel) && stub.get(rel) === digest(path.join(stagedSrc, rel))));
}

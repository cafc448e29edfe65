// "Not started": an exercise whose src/, as a run would use it, is the stub's
// own. The report then shows one line for it instead of every failing test.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { givenFiles } from "@course/testkit/config";

function filesUnder(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(prefix, entry.name);
    return entry.isDirectory() ? filesUnder(path.join(dir, entry.name), rel) : [rel];
  });
}

const read = (file: string) => {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
};

/**
 * True when the submitted `src/` (as staged for a run: its regular files, see
 * stage.ts) changes nothing of the stub's: every file it holds is the stub's
 * file of the same path, byte for byte, or a file the exercise gives (the
 * original is used anyway). A missing `src/`, or one holding only some of the
 * stub's files, is untouched too: the stub's files stand in for the rest.
 */
export function isUntouched(stagedSrc: string | undefined, exerciseDir: string): boolean {
  if (stagedSrc === undefined) return true;
  const given = new Set(givenFiles(exerciseDir).map((file) => path.normalize(file)));
  return filesUnder(stagedSrc).every((rel) => {
    if (given.has(path.normalize(rel))) return true;
    const theirs = read(path.join(stagedSrc, rel));
    const stub = read(path.join(exerciseDir, "src", rel));
    return theirs !== undefined && stub !== undefined && stub.equals(theirs);
  });
}

import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { courseRoot, listVariants, solutionDir } from "../exercises.ts";
import { applyWrongWay, PatchError, readWrongWay } from "./wrong-way.ts";

/**
 * Where wrong ways are laid out as code, one folder each: ignored by git,
 * rebuilt at will, and not under node_modules (which tools such as ESLint skip).
 */
const wrongWaysCache = path.join(courseRoot, ".course-check", "wrong-ways");

export const wrongWayFile = (id: string, name: string) => path.join(solutionDir(id), "wrong", `${name}.patch`);

/**
 * Writes a wrong way out as a folder the tests can run against: a full copy of
 * the reference `src/` with the patch applied (full, so that code loading a
 * sibling file by URL, as a worker script does, finds it). Returns the folder.
 * Throws a PatchError when the patch no longer fits the reference.
 */
export function materializeWrongWay(id: string, name: string): string {
  if (!existsSync(wrongWayFile(id, name))) {
    throw new PatchError(`${id} has no wrong way named ${name}; its wrong ways: ${listVariants(id, "wrong").join(", ") || "none"}`);
  }
  const reference = path.join(solutionDir(id), "src");
  const changed = applyWrongWay(readWrongWay(wrongWayFile(id, name)), (file) => readFileSync(path.join(reference, file), "utf8"));
  const dir = path.join(wrongWaysCache, id, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(reference, dir, { recursive: true });
  for (const [file, text] of changed) writeFileSync(path.join(dir, file), text);
  return dir;
}

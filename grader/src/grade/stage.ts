// A submission's src/ is never run where it lies: its regular files are copied
// to a fresh temporary folder, beside the course's own TypeScript settings, and
// the run reads that copy.
//
// Why: vite's transform (oxc) compiles each file with the nearest tsconfig.json
// that includes it. In place, that is the submission's own: one that extends a
// file the submission lacks fails every file ("Transform failed"), and one
// that sets `useDefineForClassFields`, `experimentalDecorators`, `jsx` or an
// `extends` pointing anywhere changes what the code means. In the copy, the
// nearest is always ours. The copy also keeps the submission untouched by
// whatever the run writes into its src/, and symbolic links out of it (to a
// reference solution, to a secret) are never followed.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { entryAt, type AlteredFile, type Submission } from "./submission.ts";

/**
 * Files a submission's src/ may hold but never brings into a run: each would
 * change how the code beside it compiles or loads (the module type of a
 * package.json decides how Node loads a worker's file).
 */
const CONFIG_FILES = new Set(["tsconfig.json", "jsconfig.json", "package.json"]);

export interface StagedSrc {
  /** The copy's `src/`, to lay over the stub's; none when the submission gives no src/ for the exercise. */
  src?: string;
  /** What the submission's src/ holds that was not copied, with why (for the report). */
  ignored: AlteredFile[];
  /** Deletes the copy. */
  remove(): void;
}

/**
 * The settings the course compiles the exercise's own src/ with: its
 * tsconfig.json, extended by absolute path (so that its own `extends` resolve
 * where they were written), over exactly the copied src/. An exercise without
 * one is compiled with the transform's defaults, which `target: ESNext` spells
 * out: an empty tsconfig.json would not do (it means TypeScript's default
 * target, and so `useDefineForClassFields: false`).
 */
function courseTsconfig(exerciseDir: string): object {
  const own = path.join(exerciseDir, "tsconfig.json");
  const scope = { include: ["src"], exclude: [] };
  return entryAt(own)?.isFile() ? { extends: own, ...scope } : { compilerOptions: { target: "ESNext" }, ...scope };
}

/** The module type the exercise's package.json gives its files ("module" in this course). */
function moduleType(exerciseDir: string): string | undefined {
  try {
    const { type } = JSON.parse(readFileSync(path.join(exerciseDir, "package.json"), "utf8")) as { type?: unknown };
    return typeof type === "string" ? type : undefined;
  } catch {
    return undefined;
  }
}

/** Copies the regular files under `from` to `to`; notes the rest in `ignored`. */
function copyRegularFiles(from: string, to: string, rel: string, ignored: AlteredFile[]): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const file = path.join(rel, entry.name);
    if (entry.isSymbolicLink()) ignored.push({ file, change: "ignored", reason: "a symbolic link: links are not followed" });
    else if (entry.isDirectory()) copyRegularFiles(path.join(from, entry.name), path.join(to, entry.name), file, ignored);
    else if (!entry.isFile()) ignored.push({ file, change: "ignored", reason: "not a regular file" });
    else if (CONFIG_FILES.has(entry.name))
      ignored.push({ file, change: "ignored", reason: "a configuration file: the course's own settings are used" });
    else copyFileSync(path.join(from, entry.name), path.join(to, entry.name));
  }
}

/**
 * Copies a submission's `src/` for exercise `id` to a fresh temporary folder,
 * laid out as `<tmp>/<id>/src/…` beside the course's `tsconfig.json` and a
 * `package.json` giving the exercise's module type. Call `remove()` after the run.
 */
export function stageSubmittedSrc(submission: Submission, id: string, exerciseDir: string): StagedSrc {
  const theirs = path.join(submission.root, id, "src");
  const entry = entryAt(theirs);
  if (!entry) return { ignored: [], remove: () => {} };
  if (!entry.isDirectory()) {
    const reason = entry.isSymbolicLink() ? "a symbolic link: links are not followed" : "not a folder";
    return { ignored: [{ file: "src", change: "ignored", reason }], remove: () => {} };
  }
  // By its real path, which is what the run's sandbox grants (see run/sandbox.ts).
  const root = mkdtempSync(path.join(realpathSync.native(tmpdir()), "course-src-"));
  const remove = () => rmSync(root, { recursive: true, force: true });
  try {
    const dir = path.join(root, id);
    const ignored: AlteredFile[] = [];
    copyRegularFiles(theirs, path.join(dir, "src"), "src", ignored);
    writeFileSync(path.join(dir, "tsconfig.json"), `${JSON.stringify(courseTsconfig(exerciseDir), null, 2)}\n`);
    const type = moduleType(exerciseDir);
    writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ private: true, ...(type ? { type } : {}) }, null, 2)}\n`);
    return { src: path.join(dir, "src"), ignored, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

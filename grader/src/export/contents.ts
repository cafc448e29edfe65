// What of the course goes into a student's repository, file by file: the
// exercises as they are, the test kit without its own tests, the part of the
// grader `npm run grade` loads, and the few root files they all rely on.
// Nothing of solutions/ is ever read here.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { listExercises } from "../exercises.ts";
import { filesUnder } from "./files.ts";
import { graderClosure, type Closure } from "./grader-closure.ts";

interface Copy {
  /** Absolute path in the course. */
  from: string;
  /** Path in the student repository, `/` separators. */
  to: string;
}

/** Root files the packages read: the Node version check and runner (with its type check), the shared compiler options, the Node version, npm's settings. */
const ROOT_FILES = ["scripts/check-node.cjs", "scripts/vitest.cjs", "scripts/typecheck.cjs", "tsconfig.base.json", ".nvmrc", ".npmrc"] as const;

/**
 * A shared package's own tests (the test kit's) check the course, not a
 * student's work: they stay behind, with the config that runs them. Its
 * package.json is rewritten (see manifests.ts).
 */
const PACKAGE_LEAVES_OUT = /^(?:test\/|vitest\.config\.ts$|package\.json$)/;

function under(courseRoot: string, folder: string, keep: (rel: string) => boolean = () => true): Copy[] {
  const dir = path.join(courseRoot, folder);
  return filesUnder(dir)
    .filter(keep)
    .map((rel) => ({ from: path.join(dir, rel), to: `${folder}/${rel}` }));
}

export interface StudentContents {
  /** Every file copied as it is. The package.json files written anew are in manifests.ts. */
  copies: Copy[];
  /** The shared packages copied, e.g. `packages/testkit`. */
  packages: string[];
  /** The part of the grader copied. */
  grader: Closure;
}

export function studentContents(courseRoot: string): StudentContents {
  const copies: Copy[] = [];
  const packages: string[] = [];
  for (const id of listExercises(courseRoot)) copies.push(...under(courseRoot, `exercises/${id}`));
  const packagesDir = path.join(courseRoot, "packages");
  for (const name of existsSync(packagesDir) ? readdirSync(packagesDir).sort() : []) {
    if (existsSync(path.join(packagesDir, name, "package.json"))) {
      packages.push(`packages/${name}`);
      copies.push(...under(courseRoot, `packages/${name}`, (rel) => !PACKAGE_LEAVES_OUT.test(rel)));
    }
  }
  const graderDir = path.join(courseRoot, "grader");
  const grader = graderClosure(graderDir);
  for (const rel of grader.files) copies.push({ from: path.join(graderDir, rel), to: `grader/${rel}` });
  for (const rel of ROOT_FILES) copies.push({ from: path.join(courseRoot, rel), to: rel });
  return { copies, packages, grader };
}

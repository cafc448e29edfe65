// The part of the grader a student's repository needs: the files `npm run
// grade` loads, found by following the imports from its bin. Whatever else the
// grader holds (the course check, the wrong ways, bench and soak, its own tests
// and fixtures) is never reached from there, so it stays behind without a list
// to keep up to date as the grader changes.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { moduleSpecifiers, packageOf } from "./specifiers.ts";

/** The commands of the grader a student runs: `npm run grade`. */
const STUDENT_BINS = ["bin/grade.js"] as const;

export interface Closure {
  /** Files of the grader (relative to it, `/` separators), sorted. */
  files: string[];
  /** npm packages those files import. */
  packages: string[];
}

const isFile = (file: string) => existsSync(file) && statSync(file).isFile();

/**
 * Every file of the grader reachable from `entries` (relative to `graderDir`).
 * A relative import that leaves the grader (the course root, node_modules) is
 * not followed; one that points at a missing file inside it is an error, since
 * the exported grader would fail on it.
 */
export function graderClosure(graderDir: string, entries: readonly string[] = STUDENT_BINS): Closure {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = entries.map((entry) => path.join(graderDir, entry));
  while (pending.length > 0) {
    const file = pending.pop()!;
    const rel = path.relative(graderDir, file).split(path.sep).join("/");
    if (files.has(rel)) continue;
    files.add(rel);
    for (const specifier of moduleSpecifiers(readFileSync(file, "utf8"))) {
      const name = packageOf(specifier);
      if (name !== undefined) {
        packages.add(name);
        continue;
      }
      if (specifier.startsWith("node:") || specifier.startsWith("/")) continue;
      const target = path.resolve(path.dirname(file), specifier.split("?")[0]!);
      if (path.relative(graderDir, target).startsWith("..")) continue;
      if (isFile(target)) pending.push(target);
      else if (!existsSync(target)) throw new Error(`${rel} imports "${specifier}", which is not in the grader`);
    }
  }
  return { files: [...files].sort(), packages: [...packages].sort() };
}

// The course check remembers each exercise it passed, by the content of all it
// depends on, so that a second `npm test` re-checks only what changed.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { courseRoot, exerciseDir, solutionDir } from "../exercises.ts";
import type { Finding } from "./checks.ts";

const cacheDir = path.join(courseRoot, "node_modules", ".cache", "course-check", "passed");

function addTree(hash: ReturnType<typeof createHash>, dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    if (name === "node_modules") continue;
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) addTree(hash, file);
    else hash.update(path.relative(courseRoot, file)).update(readFileSync(file));
  }
}

/** Everything an exercise's check depends on: its folders, the kit, the grader, the configuration, the lockfile. */
function fingerprint(id: string): string {
  const hash = createHash("sha256");
  for (const dir of [exerciseDir(id), solutionDir(id), path.join(courseRoot, "packages", "testkit", "src"), path.join(courseRoot, "grader", "src")]) {
    addTree(hash, dir);
  }
  for (const file of ["tsconfig.base.json", "package-lock.json"]) hash.update(readFileSync(path.join(courseRoot, file)));
  return hash.digest("hex").slice(0, 20);
}

const entry = (id: string) => path.join(cacheDir, `${id}-${fingerprint(id)}.json`);

/** The findings of an earlier passing check of exactly this content, if any. */
export function cachedPass(id: string): Finding[] | undefined {
  try {
    return JSON.parse(readFileSync(entry(id), "utf8")) as Finding[];
  } catch {
    return undefined;
  }
}

export function rememberPass(id: string, findings: Finding[]): void {
  if (!findings.every((f) => f.ok)) return;
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(entry(id), JSON.stringify(findings));
}

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { courseRoot, exerciseDir } from "../exercises.ts";
import { givenFiles } from "@course/testkit/config";
import type { CollectedTest } from "../run/messages.ts";
import { wasCutShort } from "../run/end-reason.ts";
import { runTests } from "../run/run-tests.ts";

const cacheDir = path.join(courseRoot, "node_modules", ".cache", "course-grader");

/**
 * Where the student repository keeps the stubs' tests, collected when it was
 * exported (`npm run export`): a fresh install, as on every Classroom push,
 * then needs no run of the twelve stubs before grading.
 */
export const shippedDir = (root: string) => path.join(root, "grader", "expected-tests");

/** A hash of files of an exercise (folders: every file under them), by their paths relative to it. */
function hashOf(id: string, root: string, entries: readonly string[]): string {
  const hash = createHash("sha256");
  const base = exerciseDir(id, root);
  const add = (file: string) => {
    if (statSync(file).isDirectory()) for (const name of readdirSync(file).sort()) add(path.join(file, name));
    else hash.update(path.relative(base, file).split(path.sep).join("/")).update("\0").update(readFileSync(file));
  };
  for (const entry of entries) if (existsSync(path.join(base, entry))) add(path.join(base, entry));
  return hash.digest("hex").slice(0, 16);
}

/** The content of an exercise's tests and src/, wherever the course lies (what a run of its tests depends on). */
export function fingerprint(id: string, root: string): string {
  return hashOf(id, root, ["test", "src"]);
}

/**
 * The content that decides which tests an exercise declares: its tests, its
 * config and the files it gives (01 names tests after its given snippets),
 * never the code a student writes. So in a student's repository, where
 * exercises/ holds their work, the tests collected at export still apply, and
 * grading never has to load their code to learn what to score.
 */
export function declaredTestsFingerprint(id: string, root: string): string {
  const given = givenFiles(exerciseDir(id, root)).map((file) => path.join("src", file));
  return hashOf(id, root, ["test", "vitest.config.ts", ...given]);
}

const fileName = (id: string, root: string) => `${id}-${declaredTestsFingerprint(id, root)}.json`;

/**
 * The tests an exercise declares, with their points, as the pristine stub
 * collects them. A submission's own run cannot be trusted for this: a test file
 * that fails to load declares nothing. Cached by the content of the exercise.
 */
export function expectedTests(id: string, root = courseRoot): Promise<CollectedTest[]> {
  // Several gradings at once (a class, the grader's own tests) share one collection.
  const key = exerciseDir(id, root);
  let collecting = inFlight.get(key);
  if (!collecting) {
    collecting = collect(id, root);
    inFlight.set(key, collecting);
    collecting.catch(() => inFlight.delete(key));
  }
  return collecting;
}

const inFlight = new Map<string, Promise<CollectedTest[]>>();

async function collect(id: string, root: string): Promise<CollectedTest[]> {
  const name = fileName(id, root);
  for (const cached of [path.join(shippedDir(root), name), path.join(cacheDir, name)]) {
    try {
      return JSON.parse(readFileSync(cached, "utf8")) as CollectedTest[];
    } catch {
      // Not collected yet.
    }
  }
  const run = await runTests({ exerciseDir: exerciseDir(id, root) });
  if (run.collected.length === 0 || run.moduleErrors.length > 0 || wasCutShort(run.end)) {
    throw new Error(
      `the pristine exercise ${id} does not load its tests: ${run.moduleErrors[0]?.errors[0] ?? (wasCutShort(run.end) ? run.end.kind : "no tests")}`,
    );
  }
  rememberExpectedTests(id, run.collected, root);
  return run.collected;
}

/** Stores what the pristine stub collected, e.g. from the course check, which runs it anyway. */
export function rememberExpectedTests(id: string, collected: readonly CollectedTest[], root = courseRoot): void {
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(path.join(cacheDir, fileName(id, root)), JSON.stringify(collected));
}

/** Writes the tests of every exercise named, as collected here, where the course at `into` finds them first. */
export async function shipExpectedTests(ids: readonly string[], into: string, root = courseRoot): Promise<string[]> {
  mkdirSync(shippedDir(into), { recursive: true });
  const written: string[] = [];
  for (const id of ids) {
    const file = path.join(shippedDir(into), fileName(id, into));
    writeFileSync(file, `${JSON.stringify(await expectedTests(id, root))}\n`);
    written.push(path.relative(into, file).split(path.sep).join("/"));
  }
  return written;
}

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { courseRoot, exerciseDir } from "../exercises.ts";
import type { CollectedTest } from "../run/messages.ts";
import { runTests } from "../run/run-tests.ts";

const cacheDir = path.join(courseRoot, "node_modules", ".cache", "course-grader");

/**
 * Where the student repository keeps the stubs' tests, collected when it was
 * exported (`npm run export`): a fresh install, as on every Classroom push,
 * then needs no run of the twelve stubs before grading.
 */
export const shippedDir = (root: string) => path.join(root, "grader", "expected-tests");

/** The content of an exercise's tests and stub, wherever the course lies. */
export function fingerprint(id: string, root: string): string {
  const hash = createHash("sha256");
  const base = exerciseDir(id, root);
  const add = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) add(file);
      else hash.update(path.relative(base, file).split(path.sep).join("/")).update("\0").update(readFileSync(file));
    }
  };
  add(path.join(base, "test"));
  add(path.join(base, "src"));
  return hash.digest("hex").slice(0, 16);
}

const fileName = (id: string, root: string) => `${id}-${fingerprint(id, root)}.json`;

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
  if (run.collected.length === 0 || run.moduleErrors.length > 0 || run.aborted) {
    throw new Error(`the pristine exercise ${id} does not load its tests: ${run.moduleErrors[0]?.errors[0] ?? run.aborted ?? "no tests"}`);
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

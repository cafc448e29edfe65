// "Your mistake has a name": when the tests a student fails in an exercise are
// exactly the tests that catch one of its known wrong ways
// (solutions/NN-slug/wrong/<name>.patch), the grader (and the course runner)
// names that wrong way, with the first sentence of its header. Never its code:
// what is stored is the wrong way's name, that sentence and the names of the
// tests it fails, nothing of the patch.
//
// The course check runs every wrong way anyway and knows which tests caught
// it: it stores those signatures by the content of the exercise's tests (the
// tests decide which fail; a student never changes them), and `npm run export`
// ships them in the student repository (grader/known-mistakes/), which has no
// solutions/ to compute them from.
//
// What "matches" means, so that a name given is always right:
// - the same set of failing test names, exactly (a subset or a superset may be
//   another mistake, or this one plus another);
// - a signature that two wrong ways share names neither (we cannot tell which);
// - a wrong way that fails every test, or could not be graded at all (an
//   error), has no signature: failing everything is what an unfinished
//   exercise does too.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { courseRoot, exerciseDir } from "../exercises.ts";

export interface KnownMistake {
  /** The wrong way's name, e.g. "lifo-waiters". */
  name: string;
  /** What is wrong, in one line (the first sentence of its header, without "Wrong:"). */
  explanation: string;
}

/** A known wrong way, as the course check saw it: the tests it fails. */
export interface MistakeSignature extends KnownMistake {
  /** The names of the tests it fails, sorted. */
  failed: string[];
}

const cacheDir = path.join(courseRoot, "node_modules", ".cache", "course-grader", "known-mistakes");

/** Where the student repository keeps the signatures, written by `npm run export`. */
export const shippedMistakesDir = (root: string) => path.join(root, "grader", "known-mistakes");

/** The content of an exercise's tests: the signatures hold exactly as long as it does not change. */
export function testsFingerprint(id: string, root = courseRoot): string {
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
  return hash.digest("hex").slice(0, 16);
}

const fileName = (id: string, root: string) => `${id}-${testsFingerprint(id, root)}.json`;

/**
 * The signatures of an exercise's wrong ways, as shipped or as the course
 * check last stored them for these very tests; undefined when neither has.
 */
export function mistakeSignatures(id: string, root = courseRoot): MistakeSignature[] | undefined {
  let name: string;
  try {
    name = fileName(id, root);
  } catch {
    return undefined;
  }
  for (const file of [path.join(shippedMistakesDir(root), name), path.join(cacheDir, name)]) {
    try {
      return (JSON.parse(readFileSync(file, "utf8")) as { mistakes: MistakeSignature[] }).mistakes;
    } catch {
      // Not stored there.
    }
  }
  return undefined;
}

/** Stores the signatures the course check found (it runs every wrong way anyway). */
export function rememberMistakeSignatures(id: string, mistakes: readonly MistakeSignature[], root = courseRoot): void {
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(path.join(cacheDir, fileName(id, root)), signaturesJson(id, mistakes));
}

const signaturesJson = (id: string, mistakes: readonly MistakeSignature[]) =>
  `${JSON.stringify({ exercise: id, mistakes: mistakes.map((m) => ({ name: m.name, explanation: m.explanation, failed: [...m.failed].sort() })) }, null, 1)}\n`;

/**
 * Writes the stored signatures of every exercise named where the course at
 * `into` finds them first. Returns the files written (relative to `into`) and
 * the exercises that have none stored (the course check has not passed them).
 */
export function shipMistakeSignatures(ids: readonly string[], into: string, root = courseRoot): { written: string[]; missing: string[] } {
  mkdirSync(shippedMistakesDir(into), { recursive: true });
  const written: string[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const mistakes = mistakeSignatures(id, root);
    if (!mistakes) {
      missing.push(id);
      continue;
    }
    const file = path.join(shippedMistakesDir(into), fileName(id, into));
    writeFileSync(file, signaturesJson(id, mistakes));
    written.push(path.relative(into, file).split(path.sep).join("/"));
  }
  return { written, missing };
}

const setKey = (names: readonly string[]) => JSON.stringify([...new Set(names)].sort());

/**
 * The known mistake whose failing tests are exactly `failedTests` (test names,
 * in any order), when exactly one wrong way of the exercise fails exactly
 * those; otherwise undefined (no match, a signature two wrong ways share, or
 * no signatures stored for these tests).
 */
export function knownMistake(exerciseId: string, failedTests: readonly string[], root = courseRoot): KnownMistake | undefined {
  if (failedTests.length === 0) return undefined;
  const key = setKey(failedTests);
  const matches = (mistakeSignatures(exerciseId, root) ?? []).filter((m) => setKey(m.failed) === key);
  if (matches.length !== 1) return undefined;
  const { name, explanation } = matches[0]!;
  return { name, explanation };
}

/**
 * The signatures worth storing, from each wrong way's failing tests: not one
 * that fails every test (an unfinished exercise does too) or could not be
 * graded; one that another wrong way shares is kept (so that knownMistake can
 * see the tie and name neither) and reported as `shared`.
 */
export function signaturesOf(
  wrongWays: readonly { name: string; explanation: string; status: "pass" | "fail" | "error"; failed: readonly string[] }[],
  testCount: number,
): { signatures: MistakeSignature[]; unnamed: { name: string; why: string }[] } {
  const signatures: MistakeSignature[] = [];
  const unnamed: { name: string; why: string }[] = [];
  for (const way of wrongWays) {
    if (way.status === "error") unnamed.push({ name: way.name, why: "could not be graded" });
    else if (way.failed.length === 0) unnamed.push({ name: way.name, why: "fails no test" });
    else if (new Set(way.failed).size >= testCount) unnamed.push({ name: way.name, why: "fails every test" });
    else signatures.push({ name: way.name, explanation: way.explanation, failed: [...new Set(way.failed)].sort() });
  }
  for (const signature of signatures) {
    const twins = signatures.filter((other) => other !== signature && setKey(other.failed) === setKey(signature.failed));
    if (twins.length > 0) unnamed.push({ name: signature.name, why: `fails the same tests as ${twins.map((t) => t.name).join(", ")}` });
  }
  return { signatures, unnamed };
}

import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The course repository the grader belongs to: its tests and stubs are the pristine copy. */
export const courseRoot = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** Exercise folders are named `NN-slug`; anything else is not an exercise. */
export const EXERCISE_ID = /^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;

const isDir = (dir: string) => existsSync(dir) && statSync(dir).isDirectory();

/** The exercises of the course, found by folder name (never a hard-coded list), in order. */
export function listExercises(root = courseRoot): string[] {
  const dir = path.join(root, "exercises");
  if (!isDir(dir)) return [];
  return readdirSync(dir)
    .filter((name) => EXERCISE_ID.test(name) && existsSync(path.join(dir, name, "package.json")))
    .sort();
}

export const exerciseDir = (id: string, root = courseRoot) => path.join(root, "exercises", id);
export const solutionDir = (id: string, root = courseRoot) => path.join(root, "solutions", id);

/**
 * The variants of a reference solution: known-wrong ones, `wrong/<name>.patch`
 * (each must lose points), and other right ones, `alternatives/<name>/` (each
 * must score full marks: the tests may not insist on one way of doing it).
 */
export function listVariants(id: string, kind: "wrong" | "alternatives" = "wrong", root = courseRoot): string[] {
  const dir = path.join(solutionDir(id, root), kind);
  if (!isDir(dir)) return [];
  const names = readdirSync(dir);
  return (
    kind === "wrong"
      ? names.filter((n) => n.endsWith(".patch")).map((n) => n.slice(0, -".patch".length))
      : names.filter((n) => isDir(path.join(dir, n)))
  ).sort();
}

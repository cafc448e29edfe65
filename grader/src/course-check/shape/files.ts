// Reading the course for the shape rules: a file's text or nothing, and every
// path said relative to the course's root, the way a contributor finds it.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** What a rule found wrong: the file (relative to the course's root) and what to do about it. */
export interface ShapeProblem {
  file: string;
  message: string;
}

/** One exercise as the rules see it: its two folders, and the model's (exercise 02) to compare with. */
export interface ShapeContext {
  root: string;
  id: string;
  exercise: string;
  solution: string;
  model: { exercise: string; solution: string; id: string };
}

/** The exercise every other copies (CONTRIBUTING.md: "02 is the model"). */
const MODEL_ID = "02-concurrent-requests";

export function shapeContext(root: string, id: string): ShapeContext {
  return {
    root,
    id,
    exercise: path.join(root, "exercises", id),
    solution: path.join(root, "solutions", id),
    model: { id: MODEL_ID, exercise: path.join(root, "exercises", MODEL_ID), solution: path.join(root, "solutions", MODEL_ID) },
  };
}

/** `exercises/05-semaphore/HINTS.md`, with forward slashes on every system. */
export const shown = (root: string, file: string) => path.relative(root, file).split(path.sep).join("/");

/** The file's text with Windows line ends made plain, or undefined when it is not there. */
export function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8").replace(/\r\n/g, "\n");
  } catch {
    return undefined;
  }
}

const isDir = (dir: string) => existsSync(dir) && statSync(dir).isDirectory();

/** The names of a folder's entries of one kind, sorted; none when the folder is missing. Hidden entries and node_modules are not the course's. */
export function entries(dir: string, kind: "file" | "dir"): string[] {
  if (!isDir(dir)) return [];
  return readdirSync(dir)
    .filter((name) => !name.startsWith(".") && name !== "node_modules" && (kind === "dir") === isDir(path.join(dir, name)))
    .sort();
}

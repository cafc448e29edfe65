// Package files and configs, compared with the model's (exercise 02 and its
// solution, CONTRIBUTING.md): tsconfig.json and vitest.config.ts copied
// unchanged, package.json the same but for the names, the description and
// `course`, and the differences allowed.ts names.
import { isDeepStrictEqual } from "node:util";
import path from "node:path";
import { SANDBOX_GRANTS, WITHOUT_DEMO } from "./allowed.ts";
import { readText, shown, type ShapeContext, type ShapeProblem } from "./files.ts";

type Manifest = Record<string, unknown> & { scripts?: Record<string, string>; course?: Record<string, unknown> };

/** Fields every package may word its own way; everything else is the model's. */
const OWN_FIELDS = new Set(["name", "description", "course"]);
const COURSE_FIELDS = new Set(["given", "sandbox"]);

function readManifest(root: string, file: string, problems: ShapeProblem[]): Manifest | undefined {
  const text = readText(file);
  if (text === undefined) {
    problems.push({ file: shown(root, file), message: "is missing" });
    return undefined;
  }
  try {
    return JSON.parse(text) as Manifest;
  } catch (error) {
    problems.push({ file: shown(root, file), message: `is not valid JSON: ${error instanceof Error ? error.message : String(error)}` });
    return undefined;
  }
}

const json = (value: unknown) => (value === undefined ? "nothing" : JSON.stringify(value));

/** Same file as the model's, byte for byte (but line ends): says the first line that differs. */
function sameAsModel(root: string, file: string, modelFile: string): ShapeProblem[] {
  const text = readText(file);
  const model = readText(modelFile);
  if (model === undefined) return [];
  if (text === undefined) return [{ file: shown(root, file), message: `is missing: copy ${shown(root, modelFile)} unchanged` }];
  if (text === model) return [];
  // Without the last line's end, a line past the model's end reads as "nothing", not as an empty line.
  const ours = text.replace(/\n$/, "").split("\n");
  const theirs = model.replace(/\n$/, "").split("\n");
  const line = ours.findIndex((l, i) => l !== theirs[i]);
  if (line === -1 && ours.length === theirs.length)
    return [
      { file: shown(root, file), message: `differs from the model, ${shown(root, modelFile)}, only in the newline at its end: copy it unchanged` },
    ];
  const at = line === -1 ? ours.length : line;
  return [
    {
      file: shown(root, file),
      message: `differs from the model, ${shown(root, modelFile)}, at line ${at + 1} (${json(ours[at])} where the model has ${json(theirs[at])}): copy it unchanged`,
    },
  ];
}

/** Top-level fields: the model's, but for the package's own name, description and `course`. */
function fieldProblems(root: string, file: string, ours: Manifest, model: Manifest, expect: Record<string, unknown>): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  for (const key of new Set([...Object.keys(model), ...Object.keys(ours), ...Object.keys(expect)])) {
    if (key === "description") {
      if (typeof ours.description !== "string" || ours.description.trim() === "")
        problems.push({ file: shown(root, file), message: "has no description: one line saying what the package is" });
      continue;
    }
    if (key === "course" || (OWN_FIELDS.has(key) && !(key in expect))) continue;
    const wanted = key in expect ? expect[key] : model[key];
    if (!isDeepStrictEqual(ours[key], wanted))
      problems.push({ file: shown(root, file), message: `has "${key}": ${json(ours[key])} where the model's shape needs ${json(wanted)}` });
  }
  return problems;
}

function exerciseManifestProblems({ root, id, exercise, model }: ShapeContext): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const file = path.join(exercise, "package.json");
  const ours = readManifest(root, file, problems);
  const theirs = readManifest(root, path.join(model.exercise, "package.json"), []);
  if (!ours || !theirs) return problems;
  const at = shown(root, file);
  // The demo script goes with demo.ts (from 02 on); every other script is the model's.
  const hasDemo = readText(path.join(exercise, "demo.ts")) !== undefined;
  const { demo, ...modelScripts } = theirs.scripts ?? {};
  const scripts = hasDemo && demo !== undefined ? { ...modelScripts, demo } : modelScripts;
  problems.push(...fieldProblems(root, file, ours, theirs, { name: `@course/exercise-${id}`, scripts }));
  if (!hasDemo && !(id in WITHOUT_DEMO)) {
    problems.push({
      file: shown(root, path.join(exercise, "demo.ts")),
      message: "is missing: from 02 on, an exercise has a demo (npm run demo) telling its story with the student's code (CONTRIBUTING.md)",
    });
  }
  const course = ours.course ?? {};
  for (const key of Object.keys(course).filter((k) => !COURSE_FIELDS.has(k)))
    problems.push({ file: at, message: `has course.${key}, which nothing reads: course holds only ${[...COURSE_FIELDS].join(" and ")}` });
  // That demo.ts is listed is the given files' rule (stubs.ts): a .ts file beside the configs is given.
  if (!Array.isArray(course.given) || course.given.some((g) => typeof g !== "string"))
    problems.push({ file: at, message: 'has no course.given list: the files the contract gives, e.g. ["src/http-error.ts", "demo.ts"]' });
  const allowed = SANDBOX_GRANTS[id];
  if (course.sandbox !== undefined || allowed) {
    if (!isDeepStrictEqual(course.sandbox, allowed?.grants)) {
      problems.push({
        file: at,
        message: allowed
          ? `has course.sandbox ${json(course.sandbox)}, but ${id} is allowed exactly ${json(allowed.grants)} (${allowed.why}; see grader/src/course-check/shape/allowed.ts)`
          : `has course.sandbox ${json(course.sandbox)}: every grant opens the sandbox to student code, so it is named with its reason in grader/src/course-check/shape/allowed.ts first`,
      });
    }
  }
  return problems;
}

function solutionManifestProblems({ root, id, solution, model }: ShapeContext): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const file = path.join(solution, "package.json");
  const ours = readManifest(root, file, problems);
  const theirs = readManifest(root, path.join(model.solution, "package.json"), []);
  if (!ours || !theirs) return problems;
  const rename = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll(model.id, id)) as unknown;
  problems.push(...fieldProblems(root, file, ours, theirs, { name: `@course/solution-${id}`, devDependencies: rename(theirs.devDependencies) }));
  if (ours.course !== undefined)
    problems.push({
      file: shown(root, file),
      message: "has a course field: what an exercise gives or needs is said in the exercise's package.json only",
    });
  return problems;
}

export function manifestProblems(context: ShapeContext): ShapeProblem[] {
  const { root, exercise, solution, model } = context;
  return [
    ...exerciseManifestProblems(context),
    ...sameAsModel(root, path.join(exercise, "tsconfig.json"), path.join(model.exercise, "tsconfig.json")),
    ...sameAsModel(root, path.join(exercise, "vitest.config.ts"), path.join(model.exercise, "vitest.config.ts")),
    ...solutionManifestProblems(context),
    ...sameAsModel(root, path.join(solution, "vitest.config.ts"), path.join(model.solution, "vitest.config.ts")),
  ];
}

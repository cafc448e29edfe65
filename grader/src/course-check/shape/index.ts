// The course check's shape rules (rustlings' `dev check` is the example): every
// exercise and its solution are laid out as CONTRIBUTING.md describes, and a
// broken shape is reported naming the file. Reading files only, no vitest: it
// runs on every check, even for an exercise whose tests are skipped as unchanged.
import { courseRoot } from "../../exercises.ts";
import type { Finding } from "../checks.ts";
import { shapeContext, type ShapeProblem } from "./files.ts";
import { hintsProblems, readmeProblems } from "./lesson.ts";
import { manifestProblems } from "./manifests.ts";
import { solutionProblems } from "./solution.ts";
import { srcProblems } from "./stubs.ts";
import { testProblems } from "./tests.ts";

export type { ShapeProblem } from "./files.ts";

/** Every way the exercise `id` (and its solution) breaks the shape, each naming its file. */
export function shapeProblems(id: string, root = courseRoot): ShapeProblem[] {
  const context = shapeContext(root, id);
  return [readmeProblems, hintsProblems, srcProblems, testProblems, manifestProblems, solutionProblems].flatMap((rules) => rules(context));
}

/** The shape as lines of the course check: one line when it holds, one per problem when not. */
export function shapeFindings(id: string, root = courseRoot): Finding[] {
  const problems = shapeProblems(id, root);
  if (problems.length === 0)
    return [{ ok: true, subject: "shape", detail: "README, HINTS, src/, test/ imports, configs and solution laid out as CONTRIBUTING.md says" }];
  return problems.map((p) => ({ ok: false, subject: "shape", detail: `${p.file} ${p.message}` }));
}

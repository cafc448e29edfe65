// The type check of a submission, in a child process of the grader (see
// type-errors.ts): TypeScript's work blocks its thread, and the grader's
// thread watches the runs. Reads [{ tsconfig, exercises }] as JSON on stdin,
// writes { folder: { count, errors } } as JSON on stdout.
import { compilerOptions, typecheckOverlaid, type OverlaidExercise } from "../typecheck.ts";
import { cut } from "../cut.ts";
import { TYPE_ERRORS_KEPT, TYPE_ERROR_LIMIT } from "./type-errors.ts";

let input = "";
for await (const chunk of process.stdin) input += String(chunk);
const groups = JSON.parse(input) as { tsconfig: string; exercises: OverlaidExercise[] }[];
const results: Record<string, { count: number; errors: string[] }> = {};
for (const { tsconfig, exercises } of groups) {
  for (const [folder, errors] of typecheckOverlaid(exercises, compilerOptions(tsconfig))) {
    results[folder] = { count: errors.length, errors: errors.slice(0, TYPE_ERRORS_KEPT).map((e) => cut(e, TYPE_ERROR_LIMIT)) };
  }
}
process.stdout.write(JSON.stringify(results));

// course-check --types: the typecheck half of the course check, run in a child
// process beside the tests. Reads [{ tsconfig, targets }] as JSON on stdin and
// writes { folder: diagnostics[] } as JSON on stdout.
import { compilerOptions, typecheckFolders, type TypecheckTarget } from "../typecheck.ts";

let input = "";
for await (const chunk of process.stdin) input += String(chunk);
const groups = JSON.parse(input) as { tsconfig: string; targets: TypecheckTarget[] }[];
const results: Record<string, string[]> = {};
for (const { tsconfig, targets } of groups) {
  for (const [folder, errors] of typecheckFolders(targets, compilerOptions(tsconfig))) results[folder] = errors;
}
process.stdout.write(JSON.stringify(results));

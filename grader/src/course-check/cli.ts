// course-check: the course's own checks, run per exercise package by turbo.
//   in exercises/NN-slug:   every test fails against the untouched stub
//   in solutions/NN-slug:   the reference passes every test, every wrong variant loses points
//   course-check typecheck: (in solutions/NN-slug) the reference and the variants typecheck
import path from "node:path";
import { EXERCISE_ID } from "../exercises.ts";
import { checkSolution, checkStub, checkTypes, type Finding } from "./checks.ts";

function report(id: string, findings: Finding[]): boolean {
  const width = Math.max(...findings.map((f) => f.subject.length));
  console.log(id);
  for (const f of findings) console.log(`  ${f.ok ? "ok  " : "FAIL"}  ${f.subject.padEnd(width)}  ${f.detail}`);
  return findings.every((f) => f.ok);
}

async function main(): Promise<boolean> {
  const cwd = process.cwd();
  const id = path.basename(cwd);
  const kind = path.basename(path.dirname(cwd));
  if (!EXERCISE_ID.test(id) || (kind !== "exercises" && kind !== "solutions")) {
    console.error("course-check: run it inside exercises/NN-slug or solutions/NN-slug");
    return false;
  }
  if (process.argv[2] === "typecheck") return report(id, checkTypes(id));
  if (kind === "exercises") return report(id, await checkStub(id));
  return report(id, await checkSolution(id));
}

main().then(
  (ok) => {
    process.exitCode = ok ? 0 : 1;
  },
  (error: unknown) => {
    console.error(`course-check: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);

// course-check: the course's own check of one exercise, run by turbo in each
// solutions/NN-slug (or `course-check NN-slug` anywhere): the stub fails every
// test, the reference and the alternatives pass them all, every wrong way
// loses points, and everything typechecks against the tests.
import path from "node:path";
import { EXERCISE_ID, listExercises } from "../exercises.ts";
import { checkExercise, type Finding } from "./checks.ts";
import { saveResults } from "./results.ts";

function report(id: string, findings: Finding[]): boolean {
  const width = Math.max(...findings.map((f) => f.subject.length));
  console.log(id);
  for (const f of findings) console.log(`  ${f.ok ? "ok  " : "FAIL"}  ${f.subject.padEnd(width)}  ${f.detail}`);
  return findings.every((f) => f.ok);
}

async function main(): Promise<boolean> {
  const named = process.argv.slice(2);
  const here = path.basename(process.cwd());
  const ids = named.length > 0 ? named : EXERCISE_ID.test(here) ? [here] : [];
  if (ids.length === 0) {
    console.error("course-check: run it inside solutions/NN-slug, or name the exercises: course-check 05-semaphore");
    return false;
  }
  const unknown = ids.filter((id) => !listExercises().includes(id));
  if (unknown.length > 0) {
    console.error(`course-check: no such exercise: ${unknown.join(", ")}`);
    return false;
  }
  let ok = true;
  for (const id of ids) {
    const { findings, reports } = await checkExercise(id);
    ok = report(id, findings) && ok;
    saveResults(id, reports);
  }
  return ok;
}

main().then(
  (ok) => {
    process.exitCode = ok ? 0 : 1;
  },
  (error: unknown) => {
    console.error(`course-check: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 2;
  },
);

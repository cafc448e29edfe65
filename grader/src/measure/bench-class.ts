// npm run bench's class figures: a class of generated submissions (each
// exercise of each student a reference, a stub or one of the exercise's first
// two wrong ways, drawn by a seeded generator) graded by the class run, on a
// cold cache. Such a class repeats a few src/ folders, which the class run
// grades once each, so a second figure says what a class of unique work
// costs: a few submissions with every file made unique, per submission.
// Printed, never asserted.
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { mulberry32 } from "@course/testkit/random";
import { gradeClass } from "../class/class-run.ts";
import { exerciseDir, listExercises, listVariants, solutionDir } from "../exercises.ts";
import { materializeWrongWay } from "../wrong-ways/materialize.ts";

/** Writes a class of `size` generated students under `dir`; returns how many distinct exercise src/ it holds. */
function generateClass(dir: string, size: number, seed = 13): number {
  const random = mulberry32(seed);
  const ids = listExercises();
  const wrong = new Map(
    ids.map((id) => [
      id,
      listVariants(id, "wrong")
        .slice(0, 2)
        .map((name) => materializeWrongWay(id, name)),
    ]),
  );
  const distinct = new Set<string>();
  for (let i = 0; i < size; i++) {
    const student = path.join(dir, `student-${String(i).padStart(3, "0")}`);
    for (const id of ids) {
      const src = path.join(student, id, "src");
      // As a student's folder holds it: the stub's files, theirs over them.
      cpSync(path.join(exerciseDir(id), "src"), src, { recursive: true });
      const draw = random();
      const ways = wrong.get(id)!;
      if (draw < 0.5) {
        cpSync(path.join(solutionDir(id), "src"), src, { recursive: true });
        distinct.add(`${id} reference`);
      } else if (draw < 0.7 || ways.length === 0) distinct.add(`${id} stub`);
      else {
        const way = ways[Math.floor(random() * ways.length)]!;
        cpSync(way, src, { recursive: true });
        distinct.add(`${id} ${way}`);
      }
    }
  }
  return distinct.size;
}

/** Appends a different comment to every .ts file of a student's src/ folders: nothing of it is in any cache. */
function makeUnique(studentDir: string, tag: string): void {
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith(".ts")) appendFileSync(file, `\n// ${tag}\n`);
    }
  };
  walk(studentDir);
}

/**
 * Grades a generated class of `size` on a cold cache, then `unique` submissions
 * made unique; calls `row` with each figure (wall seconds) and returns notes to print.
 */
export async function benchClass(size: number, unique: number, row: (label: string, seconds: number) => void): Promise<string[]> {
  const work = mkdtempSync(path.join(tmpdir(), "course-bench-class-"));
  const jobs = Math.min(4, availableParallelism());
  try {
    const classDir = path.join(work, "class");
    mkdirSync(classDir);
    const distinct = generateClass(classDir, size);
    let started = Date.now();
    const generated = await gradeClass({ classDir, jobs, cacheDir: path.join(work, "cache-1") });
    const wall = (Date.now() - started) / 1000;
    row(`a generated class of ${size} (npm run class, cold cache, --jobs ${jobs})`, wall);
    const notes = [
      `  ${size} students × ${listExercises().length} exercises: ${distinct} distinct src/ folders, ${generated.graded} exercises graded in ${generated.vitestRuns} vitest runs, ${generated.reused} results reused; ${(wall / size).toFixed(2)} s per submission`,
    ];

    const uniqueDir = path.join(work, "unique");
    const names = readdirSync(classDir).slice(0, unique);
    for (const [i, name] of names.entries()) {
      cpSync(path.join(classDir, name), path.join(uniqueDir, name), { recursive: true });
      makeUnique(path.join(uniqueDir, name), `unique ${i} ${Date.now()}`);
    }
    started = Date.now();
    const cold = await gradeClass({ classDir: uniqueDir, jobs, cacheDir: path.join(work, "cache-2") });
    const perSubmission = (Date.now() - started) / 1000 / names.length;
    row(`one submission with nothing cached (mean of ${names.length} unique ones, ${cold.vitestRuns} vitest runs)`, perSubmission);
    notes.push(`  a class of ${size} unique submissions would take about ${((perSubmission * size) / 60).toFixed(1)} min here (target: 5 min)`);
    return notes;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === import.meta.filename) {
  // Alone: node grader/src/measure/bench-class.ts [size] [unique]
  const notes = await benchClass(Number(process.argv[2] ?? 100), Number(process.argv[3] ?? 2), (label, seconds) =>
    console.log(`${label.padEnd(64)} ${seconds.toFixed(2).padStart(7)} s`),
  );
  console.log(notes.join("\n"));
}

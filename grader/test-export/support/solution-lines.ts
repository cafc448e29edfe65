// The lines of the reference solutions that would give one away: the tests
// look for every one of them in the student repository, and must find none.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { courseRoot } from "./course.ts";
import { trimmedLines, walk } from "./files.ts";

export interface SolutionLine {
  /** Where it comes from, e.g. solutions/05-semaphore/src/semaphore.ts:12. */
  source: string;
  line: string;
}

/** Long enough to be distinctive: shorter lines (`return result;`, `} finally {`) are everyone's. */
export const MIN_LENGTH = 20;

const isImport = (line: string) => /^import\b/.test(line) || /^export\b.*\bfrom\s*["']/.test(line);

const linesUnder = (dir: string) => (existsSync(dir) ? walk(dir).flatMap((rel) => trimmedLines(path.join(dir, rel))) : []);

/**
 * What the course already shows students, so not a secret: the exercises
 * (stubs, given files, tests, lessons and hints, whose worked examples and
 * helpers use the same idioms as the solutions: `const controller = new
 * AbortController();`), the test kit and the grader's sources. Not the
 * export's own templates (grader/src/export/): a solution pasted into the
 * student README is exactly what this looks for.
 */
function publicLines(): Set<string> {
  const graderSrc = path.join(courseRoot, "grader/src");
  const grader = walk(graderSrc)
    .filter((rel) => !rel.startsWith("export/"))
    .flatMap((rel) => trimmedLines(path.join(graderSrc, rel)));
  return new Set([...grader, ...["exercises", "packages", "grader/bin", "scripts"].flatMap((dir) => linesUnder(path.join(courseRoot, dir)))]);
}

/**
 * Every line of solutions/<id>/src and solutions/<id>/alternatives, trimmed,
 * at least MIN_LENGTH long, that is neither an import nor anything the course
 * shows students already.
 */
export function distinctiveSolutionLines(): SolutionLine[] {
  const known = publicLines();
  const found: SolutionLine[] = [];
  const solutions = path.join(courseRoot, "solutions");
  for (const id of readdirSync(solutions).sort()) {
    for (const part of ["src", "alternatives"]) {
      const dir = path.join(solutions, id, part);
      if (!existsSync(dir)) continue;
      for (const rel of walk(dir)) {
        trimmedLines(path.join(dir, rel)).forEach((line, index) => {
          if (line.length >= MIN_LENGTH && !isImport(line) && !known.has(line)) {
            found.push({ source: `solutions/${id}/${part}/${rel}:${index + 1}`, line });
          }
        });
      }
    }
  }
  return found;
}

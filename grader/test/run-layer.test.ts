import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";

const src = path.join(import.meta.dirname, "..", "src");
const runDir = path.join(src, "run");

/** The files a file imports by relative path, type-only imports included (a cycle of types is still a knot to read). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return importedFiles
    .map((i) => i.fileName)
    .filter((name) => name.startsWith("."))
    .map((name) => path.resolve(path.dirname(file), name))
    .filter((target) => existsSync(target));
}

/** Every file reachable from `starts` by imports, with the import that first reached it. */
function reachable(starts: readonly string[]): Map<string, string | undefined> {
  const from = new Map<string, string | undefined>(starts.map((s) => [s, undefined]));
  const queue = [...starts];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const target of importsOf(file)) {
      if (from.has(target)) continue;
      from.set(target, file);
      queue.push(target);
    }
  }
  return from;
}

const rel = (file: string) => path.relative(src, file).split(path.sep).join("/");

describe("the run layer (grader/src/run)", () => {
  const runFiles = readdirSync(runDir)
    .filter((name) => name.endsWith(".ts"))
    .map((name) => path.join(runDir, name));

  test("never imports the scorer, the grading around it or the reports: it classifies, score.ts scores", () => {
    const reached = reachable(runFiles);
    const above = [...reached.keys()].filter((file) => /^(score\.ts|grade\/|class\/|formats\/|course-check\/)/.test(rel(file)));
    const chains = above.map((file) => `${rel(file)} (imported by ${rel(reached.get(file)!)})`);
    expect(chains, "the run layer must not depend on what reads its results").toEqual([]);
  });

  test("has no import cycle", () => {
    const cycles: string[] = [];
    for (const file of runFiles) {
      const back = reachable(importsOf(file));
      if (back.has(file)) cycles.push(rel(file));
    }
    expect(cycles, "files of run/ that import themselves through others").toEqual([]);
  });
});

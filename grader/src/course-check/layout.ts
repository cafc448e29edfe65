import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { createSrcChain, givenFiles } from "@course/testkit/config";
import { courseRoot, exerciseDir } from "../exercises.ts";
import type { Chain } from "./chains.ts";

/** Where the course check lays chains out: in the repository (so packages resolve), ignored by git. */
export const layoutRoot = path.join(courseRoot, ".course-check");

function filesUnder(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const rel = path.join(prefix, name);
    return statSync(path.join(dir, name)).isDirectory() ? filesUnder(path.join(dir, name), rel) : [rel];
  });
}

/** A chain laid out as a folder of its own: `<folder>/test` and `<folder>/src`. */
export interface LaidOutChain extends Chain {
  id: string;
  folder: string;
}

/**
 * Lays each chain of an exercise out as a folder of its own, `<n>/test` (the
 * exercise's tests), `<n>/src` (each file as the chain resolves it: first
 * folder wins, given files from the exercise) and the exercise's package.json
 * and tsconfig.json: exactly what a student's checkout looks like. Every chain's files then have paths of their own, so
 * one vitest project and one TypeScript program serve every chain of every
 * exercise, and a result's path says its chain.
 */
export function layOutChains(id: string, chains: readonly Chain[]): LaidOutChain[] {
  const root = path.join(layoutRoot, id);
  const exercise = exerciseDir(id);
  rmSync(root, { recursive: true, force: true });
  // A chain's tsconfig.json extends ../../tsconfig.base.json, as in exercises/NN-slug.
  mkdirSync(layoutRoot, { recursive: true });
  cpSync(path.join(courseRoot, "tsconfig.base.json"), path.join(layoutRoot, "tsconfig.base.json"));
  const given = givenFiles(exercise);
  return chains.map((chain, i) => {
    const folder = path.join(root, String(i));
    cpSync(path.join(exercise, "test"), path.join(folder, "test"), { recursive: true });
    // As in the exercise: tests may read them (given files, compiler options).
    for (const file of ["package.json", "tsconfig.json"]) cpSync(path.join(exercise, file), path.join(folder, file));
    const { dirs, given: givenSet } = createSrcChain(chain.dirs, path.join(exercise, "src"), given);
    const exerciseSrc = dirs.at(-1)!;
    for (const rel of new Set(dirs.flatMap((d) => filesUnder(d)))) {
      const from = dirs.find((d) => (d === exerciseSrc || !givenSet.has(rel)) && existsSync(path.join(d, rel)))!;
      mkdirSync(path.dirname(path.join(folder, "src", rel)), { recursive: true });
      cpSync(path.join(from, rel), path.join(folder, "src", rel));
    }
    return { ...chain, id, folder };
  });
}

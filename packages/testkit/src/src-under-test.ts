import path from "node:path";
import { inject } from "vitest";
import { createSrcChain, givenFiles, type SrcChain } from "./config/src-chain.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The folders the code under test comes from, first wins (set by exerciseConfig). */
    courseSrcDirs: string[];
    /** The files (relative to src/) that always come from the exercise. */
    courseGivenFiles: string[];
  }
}

/**
 * Where the code under test comes from in this run: the chain of `src/`
 * folders the tests' imports resolve through (a submission or a solution laid
 * over the stub), for tests that look at the code itself, such as a lint.
 * Without a chain from the config (the course check lays each chain out as a
 * folder of its own), it is the `src/` beside the exercise's `test/`.
 */
export function srcChainUnderTest(exerciseDir: string): SrcChain {
  const dirs = inject("courseSrcDirs");
  if (dirs && dirs.length > 0) return { dirs, given: new Set(inject("courseGivenFiles") ?? []) };
  return createSrcChain([], path.join(exerciseDir, "src"), givenFiles(exerciseDir));
}

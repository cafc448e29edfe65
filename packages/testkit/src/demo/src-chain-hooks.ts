// A demo runs the exercise's `src/`; with COURSE_SRC_DIRS (as the tests
// have it) it runs a chain of folders laid over it instead, first wins: the
// course's own tests run every demo against the reference solution this way.
import module from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createSrcChain, givenFiles, resolveInChain } from "../config/src-chain.ts";

/**
 * From now on, a relative import that lands in the exercise's `src/` (or in
 * a folder of the chain) is looked up along the chain, as the tests' config
 * does (see config/src-chain.ts). Needs `module.registerHooks` (Node 22.15+):
 * returns false, changing nothing, where it is missing.
 */
export function useSrcChain(exerciseDir: string, overlays: readonly string[]): boolean {
  if (typeof module.registerHooks !== "function") return false;
  const chain = createSrcChain(overlays, path.join(exerciseDir, "src"), givenFiles(exerciseDir));
  module.registerHooks({
    resolve(specifier, context, nextResolve) {
      const parent = context.parentURL;
      if (parent?.startsWith("file:")) {
        const found = resolveInChain(chain, specifier, fileURLToPath(parent));
        if (found) return { url: pathToFileURL(found).href, shortCircuit: true };
      }
      return nextResolve(specifier, context);
    },
  });
  return true;
}

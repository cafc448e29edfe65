import { realpathSync, statSync } from "node:fs";
import path from "node:path";
import type { Plugin } from "vite";
import { layoutRoot } from "./layout.ts";

/** The file an import names by its path, as vite reads the path; undefined for anything else. */
function namedFile(source: string, importer: string | undefined): string | undefined {
  if (/[?#]/.test(source) || (importer && /[?#]/.test(importer))) return undefined;
  if (source.startsWith(".")) return importer && path.resolve(path.dirname(importer), source);
  if (source.startsWith(layoutRoot + path.sep)) return source;
  // Vite reads any other "/…" as relative to its root first: vitest asks for a test file as "/03-…/0/test/x.test.ts".
  if (source.startsWith("/")) return path.join(layoutRoot, source);
  return undefined;
}

/**
 * Resolves an import that names an existing file by its path, before vite's
 * resolvers see it: a relative one (`./support.ts`, `../src/index.ts`), and a
 * test file, which vitest asks for by its path from the layout (vite's root).
 * Every module a worker loads is fetched from vitest's main thread, and vite's
 * resolvers (its native one, vitest's own) answered each of these in turn
 * while the worker waited, with what this answers: the file's real path.
 * Anything else (`./x.js` for x.ts, a folder, a query, a package, a path that
 * is not a file) is left to them.
 */
export function directResolve(): Plugin {
  return {
    name: "course:direct-resolve",
    enforce: "pre",
    resolveId(source, importer) {
      const file = namedFile(source, importer);
      return file && statSync(file, { throwIfNoEntry: false })?.isFile() ? realpathSync.native(file) : null;
    },
  };
}

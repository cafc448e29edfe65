import { existsSync, statSync } from "node:fs";
import path from "node:path";

/**
 * A chain of `src/` folders laid over each other, first wins: a wrong variant's
 * few files, then the reference solution, then the exercise's stub. A relative
 * import that lands in any folder of the chain is looked up in each folder in
 * turn, so a submission need only hold the files it changed, and the tests
 * (which import `../src/…`) run against the chain instead of the stub.
 */
export interface SrcChain {
  /** Folders searched first to last; the last is the exercise's own `src/`. */
  readonly dirs: readonly string[];
}

export function createSrcChain(overlays: readonly string[], exerciseSrc: string): SrcChain {
  return { dirs: [...overlays.map((d) => path.resolve(d)), path.resolve(exerciseSrc)] };
}

const isFile = (file: string) => existsSync(file) && statSync(file).isFile();

function candidates(file: string): string[] {
  const withoutJs = file.replace(/\.(m?)js$/, ".$1ts");
  return [file, withoutJs, `${file}.ts`, path.join(file, "index.ts")];
}

function within(dir: string, file: string): string | undefined {
  const rel = path.relative(dir, file);
  return rel.startsWith("..") || path.isAbsolute(rel) ? undefined : rel;
}

/** Where a relative import resolves in the chain, or undefined when it points outside it. */
export function resolveInChain(chain: SrcChain, specifier: string, importer: string): string | undefined {
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) return undefined;
  const target = path.resolve(path.dirname(importer), specifier.split("?")[0]!);
  let rel: string | undefined;
  for (const dir of chain.dirs) {
    rel = within(dir, target);
    if (rel !== undefined) break;
  }
  if (rel === undefined) return undefined;
  for (const dir of chain.dirs) {
    const found = candidates(path.join(dir, rel)).find(isFile);
    if (found) return found;
  }
  return undefined;
}

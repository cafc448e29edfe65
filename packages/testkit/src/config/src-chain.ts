import { existsSync, readFileSync, statSync } from "node:fs";
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
  /** Files (relative to `src/`) that always come from the exercise: the ones the contract gives. */
  readonly given: ReadonlySet<string>;
}

export function createSrcChain(overlays: readonly string[], exerciseSrc: string, given: readonly string[] = []): SrcChain {
  return {
    dirs: [...overlays.map((d) => path.resolve(d)), path.resolve(exerciseSrc)],
    given: new Set(given.map((file) => path.normalize(file))),
  };
}

/**
 * The files an exercise gives (its package.json's `course.given`, paths like
 * "src/snippets.ts"), relative to its `src/`. A submission cannot replace them.
 */
export function givenFiles(exerciseDir: string): string[] {
  try {
    const manifest = JSON.parse(readFileSync(path.join(exerciseDir, "package.json"), "utf8")) as { course?: { given?: string[] } };
    return (manifest.course?.given ?? []).map((file) => path.relative("src", file));
  } catch {
    return [];
  }
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
  const exerciseSrc = chain.dirs.at(-1)!;
  for (const dir of chain.dirs) {
    const found = candidates(path.join(dir, rel)).find(isFile);
    if (found && (dir === exerciseSrc || !chain.given.has(path.relative(dir, found)))) return found;
  }
  return undefined;
}

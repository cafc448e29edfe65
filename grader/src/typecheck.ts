import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { createSrcChain, givenFiles, type SrcChain } from "@course/testkit/config";

/** A `src/` chain to typecheck the exercise's tests against, e.g. a solution or a wrong way. */
export interface TypecheckChain {
  /** Shown with its diagnostics, e.g. "wrong/lifo-waiters". */
  name: string;
  /** Folders laid over the stub's `src/`, first wins (none: the stub itself). */
  dirs: readonly string[];
}

function tsFilesUnder(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    const rel = path.join(prefix, name);
    if (statSync(file).isDirectory()) return tsFilesUnder(file, rel);
    return name.endsWith(".ts") ? [rel] : [];
  });
}

function compilerOptions(exerciseDir: string): ts.CompilerOptions {
  const configPath = path.join(exerciseDir, "tsconfig.json");
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, exerciseDir).options;
}

/**
 * Each chain is given its own folder in a virtual tree (`.chains/<n>/test`,
 * `.chains/<n>/src`) whose files are read from where the chain resolves them,
 * so that every chain of an exercise is checked in one program: the test kit,
 * vitest's and Node's types are loaded and checked once, not once per chain.
 */
class VirtualChains {
  readonly roots: string[] = [];
  private readonly chains: { root: string; chain: SrcChain; name: string }[] = [];

  private readonly exerciseDir: string;

  constructor(exerciseDir: string, chains: readonly TypecheckChain[]) {
    this.exerciseDir = exerciseDir;
    const given = givenFiles(exerciseDir);
    const testFiles = tsFilesUnder(path.join(exerciseDir, "test"));
    chains.forEach(({ name, dirs }, i) => {
      const root = path.join(exerciseDir, ".chains", String(i));
      const chain = createSrcChain(dirs, path.join(exerciseDir, "src"), given);
      this.chains.push({ root, chain, name });
      const srcFiles = new Set(chain.dirs.flatMap((dir) => tsFilesUnder(dir)));
      this.roots.push(...testFiles.map((f) => path.join(root, "test", f)), ...[...srcFiles].map((f) => path.join(root, "src", f)));
    });
  }

  private owner(file: string) {
    return this.chains.find(({ root }) => file.startsWith(root + path.sep));
  }

  /** The real file behind a virtual one (undefined: none, or not virtual). */
  real(file: string): string | undefined {
    const owner = this.owner(file);
    if (!owner) return undefined;
    const rel = path.relative(owner.root, file);
    const [top, ...rest] = rel.split(path.sep);
    if (top === "test") {
      const real = path.join(this.exerciseDir, rel);
      return existsSync(real) ? real : undefined;
    }
    if (top !== "src") return undefined;
    // First in the chain wins, except for the files the exercise gives.
    const srcRel = path.join(...rest);
    const exerciseSrc = owner.chain.dirs.at(-1);
    return owner.chain.dirs
      .filter((dir) => dir === exerciseSrc || !owner.chain.given.has(srcRel))
      .map((dir) => path.join(dir, srcRel))
      .find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  }

  /** Which chain a virtual file belongs to, and its path as a student would see it. */
  describe(file: string): { name: string; shown: string } | undefined {
    const owner = this.owner(file);
    return owner && { name: owner.name, shown: path.relative(owner.root, file) };
  }

  isVirtual(file: string): boolean {
    return this.owner(file) !== undefined;
  }

  /** A virtual file's path as the real file's folder would see it: for package lookups. */
  realContext(file: string): string {
    return this.real(file) ?? path.join(this.exerciseDir, "test", "index.ts");
  }
}

const sharedSources = new Map<string, ts.SourceFile | undefined>();

/**
 * Typechecks an exercise's tests against each chain of `src/` folders (the
 * stub, the solution, wrong ways, alternatives): imports resolve through the
 * chain exactly as they do when the tests run, so a solution whose types drift
 * from the stub's is caught. Returns each chain's diagnostics, formatted.
 */
export function typecheckChains(exerciseDir: string, chains: readonly TypecheckChain[]): Map<string, string[]> {
  const virtual = new VirtualChains(exerciseDir, chains);
  const options = compilerOptions(exerciseDir);
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  host.fileExists = (file) => (virtual.isVirtual(file) ? virtual.real(file) !== undefined : fileExists.call(host, file));
  host.readFile = (file) => {
    const real = virtual.real(file);
    return real ? readFileSync(real, "utf8") : virtual.isVirtual(file) ? undefined : readFile.call(host, file);
  };
  host.directoryExists = (dir) => virtual.isVirtual(path.join(dir, "x")) || (directoryExists?.call(host, dir) ?? true);
  host.getSourceFile = (fileName, languageVersion, onError) => {
    if (virtual.isVirtual(fileName)) {
      const text = host.readFile(fileName);
      return text === undefined ? undefined : ts.createSourceFile(fileName, text, languageVersion);
    }
    // Library and package files are the same for every chain and every exercise: parse them once.
    if (!sharedSources.has(fileName)) sharedSources.set(fileName, getSourceFile.call(host, fileName, languageVersion, onError));
    return sharedSources.get(fileName);
  };
  const moduleCache = ts.createModuleResolutionCache(exerciseDir, (f) => f, options);
  host.resolveModuleNameLiterals = (literals, containingFile, redirectedReference, opts, containingSourceFile) =>
    literals.map((literal) => {
      const specifier = literal.text;
      if (virtual.isVirtual(containingFile) && (specifier.startsWith("./") || specifier.startsWith("../"))) {
        const target = path.resolve(path.dirname(containingFile), specifier);
        const found = [target, target.replace(/\.(m?)js$/, ".$1ts"), `${target}.ts`, path.join(target, "index.ts")].find((f) => virtual.real(f) !== undefined);
        if (found) return { resolvedModule: { resolvedFileName: found, extension: ts.Extension.Ts, isExternalLibraryImport: false } };
      }
      const from = virtual.isVirtual(containingFile) ? virtual.realContext(containingFile) : containingFile;
      const mode = ts.getModeForUsageLocation(containingSourceFile, literal, opts);
      return ts.resolveModuleName(specifier, from, opts, host, moduleCache, redirectedReference, mode);
    });

  const program = ts.createProgram(virtual.roots, options, host);
  const byChain = new Map<string, string[]>(chains.map(({ name }) => [name, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const where = diagnostic.file && virtual.describe(diagnostic.file.fileName);
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    if (!where) {
      // Outside every chain (the kit, a package): the same for all of them, so every chain reports it.
      for (const list of byChain.values()) list.push(text);
      continue;
    }
    const { line, character } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    byChain.get(where.name)!.push(`${where.shown}(${line + 1},${character + 1}): ${text}`);
  }
  return byChain;
}

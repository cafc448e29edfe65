import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { createSrcChain, givenFiles, resolveInChain } from "@course/testkit/config";

const sourceCache = new Map<string, ts.SourceFile | undefined>();

function tsFilesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return tsFilesUnder(file);
    return name.endsWith(".ts") ? [file] : [];
  });
}

function compilerOptions(exerciseDir: string): ts.CompilerOptions {
  const configPath = path.join(exerciseDir, "tsconfig.json");
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, exerciseDir).options;
}

/**
 * Typechecks an exercise's tests against a chain of `src/` folders (a solution,
 * a wrong variant): imports resolve through the chain exactly as they do when
 * the tests run, so a solution whose types drift from the stub's is caught.
 * Returns the diagnostics, formatted; empty when all is well.
 */
export function typecheckChain(exerciseDir: string, srcDirs: readonly string[]): string[] {
  const chain = createSrcChain(srcDirs, path.join(exerciseDir, "src"), givenFiles(exerciseDir));
  const options = compilerOptions(exerciseDir);
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError) => {
    // Library and node_modules files are the same for every chain: parse them once.
    const shared = fileName.includes(`${path.sep}node_modules${path.sep}`);
    if (shared && sourceCache.has(fileName)) return sourceCache.get(fileName);
    const file = getSourceFile(fileName, languageVersion, onError);
    if (shared) sourceCache.set(fileName, file);
    return file;
  };
  const moduleCache = ts.createModuleResolutionCache(exerciseDir, (f) => f, options);
  host.resolveModuleNameLiterals = (literals, containingFile, redirectedReference, opts, containingSourceFile) =>
    literals.map((literal) => {
      const inChain = resolveInChain(chain, literal.text, containingFile);
      if (inChain) return { resolvedModule: { resolvedFileName: inChain, extension: ts.Extension.Ts, isExternalLibraryImport: false } };
      const mode = ts.getModeForUsageLocation(containingSourceFile, literal, opts);
      return ts.resolveModuleName(literal.text, containingFile, opts, host, moduleCache, redirectedReference, mode);
    });
  const roots = [...chain.dirs.flatMap(tsFilesUnder), ...tsFilesUnder(path.join(exerciseDir, "test"))];
  const program = ts.createProgram(roots, options, host);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  return diagnostics.map((d) =>
    ts.formatDiagnostic(d, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => exerciseDir, getNewLine: () => "\n" }).trim(),
  );
}

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

function tsFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return tsFilesUnder(file);
    return name.endsWith(".ts") ? [file] : [];
  });
}

/** The compiler options of a tsconfig.json (an exercise's: every exercise has the same). */
export function compilerOptions(tsconfig: string): ts.CompilerOptions {
  const { config } = ts.readConfigFile(tsconfig, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(tsconfig)).options;
}

/** A folder laid out like an exercise (`test/`, `src/`: see course-check/layout.ts) to typecheck. */
export interface TypecheckTarget {
  folder: string;
  /**
   * Another target whose `src/` this one differs from in a few files (a wrong
   * way from its reference): only those files are checked, and the tests too
   * when the types `src/index.ts` exports are not the same as there. Without
   * it, everything is checked.
   */
  base?: string;
}

const read = (file: string) => (existsSync(file) ? readFileSync(file, "utf8") : undefined);

/** The `src/` files of a target that differ from its base's. */
function changedFiles({ folder, base }: TypecheckTarget): string[] {
  const src = path.join(folder, "src");
  return tsFilesUnder(src).filter((file) => !base || read(path.join(base, "src", path.relative(src, file))) !== read(file));
}

/** A file's declarations (its types, as a .d.ts shows them): equal text, and its importers see the same API. */
function declarationsOf(program: ts.Program, file: string): string | undefined {
  const source = program.getSourceFile(file);
  if (!source) return undefined;
  let text = "";
  program.emit(source, (_name, data) => (text += data), undefined, true);
  return text;
}

/** True when one of the target's changed files declares other types than the same file of its base. */
function apiDiffers(target: TypecheckTarget, changed: readonly string[], declarations: (file: string) => string | undefined): boolean {
  const src = path.join(target.folder, "src");
  return changed.some((file) => {
    const mine = declarations(file);
    const theirs = declarations(path.join(target.base!, "src", path.relative(src, file)));
    return mine === undefined || theirs === undefined || mine !== theirs;
  });
}

/**
 * A compiler host that parses each file once for all the programs it serves:
 * a second program over some of the same files (TypeScript's and Node's
 * declarations, the kit, a chain's sources) takes the first one's. A parsed
 * file keeps its binding, so neither is done twice.
 */
function sharingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const { getSourceFile } = host;
  const parsed = new Map<string, ts.SourceFile | undefined>();
  host.getSourceFile = (file, language, onError, shouldCreate) => {
    if (!parsed.has(file)) parsed.set(file, getSourceFile.call(host, file, language, onError, shouldCreate));
    return parsed.get(file);
  };
  return host;
}

/**
 * Typechecks folders laid out like an exercise in one program: the test kit,
 * vitest's and Node's types are loaded and checked once, not once per folder.
 * A target with a base is checked where it differs (its changed `src/` files,
 * and its tests if its exported API changed: those, in a second program that
 * shares the first one's parsed files). Returns each folder's
 * diagnostics with paths as the folder sees them ("src/semaphore.ts(17,5): …").
 */
export function typecheckFolders(targets: readonly TypecheckTarget[], compilerOptions: ts.CompilerOptions): Map<string, string[]> {
  // Declarations are emitted (to memory) to compare a chain's API with its base's.
  const options = { ...compilerOptions, noEmit: false, declaration: true, emitDeclarationOnly: true, removeComments: true };
  const checked = new Map<string, string[]>(targets.map((t) => [t.folder, t.base ? changedFiles(t) : tsFilesUnder(t.folder)]));
  // The program holds only the files asked about (and what they import): for
  // most targets a changed file or two, not their copies of the tests, which
  // made up most of what a course check's program parsed, bound and kept
  // (measured, the 236 chains of 12 exercises: 15 CPU-s with every file in
  // one program, 13 so, 6 of them needing the second program below).
  const host = sharingHost(options);
  const program = ts.createProgram([...checked.values()].flat(), options, host);
  // Where a chain's API differs from its base's, the tests may not typecheck against it: check them too.
  const emitted = new Map<string, string | undefined>();
  const declarations = (file: string) => {
    if (!emitted.has(file)) emitted.set(file, declarationsOf(program, file));
    return emitted.get(file);
  };
  const widened = targets.filter((target) => target.base && apiDiffers(target, checked.get(target.folder)!, declarations));
  const programOf = new Map<string, ts.Program>(targets.map((t) => [t.folder, program]));
  if (widened.length > 0) {
    // Their tests were not in the program: a second one, which parses only what the first did not have.
    for (const target of widened) checked.set(target.folder, tsFilesUnder(target.folder));
    const wider = ts.createProgram(
      widened.flatMap((target) => checked.get(target.folder)!),
      options,
      host,
    );
    for (const target of widened) programOf.set(target.folder, wider);
  }

  const byFolder = new Map<string, string[]>(targets.map((t) => [t.folder, []]));
  const describe = (diagnostic: ts.Diagnostic, folder: string) => {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    if (!diagnostic.file) return text;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    return `${path.relative(folder, diagnostic.file.fileName).split(path.sep).join("/")}(${line + 1},${character + 1}): ${text}`;
  };
  // Problems of the configuration or of a package are every folder's.
  const shared = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  for (const [folder, files] of checked) {
    const list = byFolder.get(folder)!;
    list.push(...shared.map((d) => describe(d, folder)));
    const checking = programOf.get(folder)!;
    for (const file of files) {
      const source = checking.getSourceFile(file);
      if (!source) continue;
      for (const d of [...checking.getSyntacticDiagnostics(source), ...checking.getSemanticDiagnostics(source)]) list.push(describe(d, folder));
    }
  }
  return byFolder;
}

/** An exercise to typecheck with another `src/` laid over its own (a submission's), as grading runs it. */
export interface OverlaidExercise {
  /** The pristine exercise: its tests, its stub `src/`, its packages. */
  folder: string;
  /** Laid over `<folder>/src`: each file here stands in for the stub's file of the same path (or adds one). */
  src: string;
  /** Files (relative to `src/`) always taken from the exercise: the ones it gives. */
  given?: readonly string[];
}

/**
 * Typechecks exercises whose `src/` is another folder laid over the stub's, as
 * a run sees them, in one program: the files keep the exercise's paths, so
 * the tests' imports and the packages resolve as in the course, and nothing is
 * copied. Returns each exercise folder's diagnostics, paths as the folder
 * sees them ("src/semaphore.ts(17,5): …"), for its own files (src and tests).
 */
export function typecheckOverlaid(exercises: readonly OverlaidExercise[], compilerOptions: ts.CompilerOptions): Map<string, string[]> {
  /** The file a path of the program is read from: the overlay's, where it has one. */
  const redirect = (file: string): string => {
    for (const { folder, src, given = [] } of exercises) {
      const rel = path.relative(path.join(folder, "src"), file);
      if (rel.startsWith("..") || path.isAbsolute(rel) || given.includes(rel)) continue;
      const theirs = path.join(src, rel);
      if (existsSync(theirs) && statSync(theirs).isFile()) return theirs;
    }
    return file;
  };
  const host = ts.createCompilerHost(compilerOptions);
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  host.fileExists = (file) => fileExists.call(host, redirect(file));
  host.readFile = (file) => readFile.call(host, redirect(file));
  host.getSourceFile = (file, language, onError, shouldCreate) => {
    const from = redirect(file);
    if (from === file) return getSourceFile.call(host, file, language, onError, shouldCreate);
    const text = readFile.call(host, from);
    return text === undefined ? undefined : ts.createSourceFile(file, text, language);
  };
  host.directoryExists = (dir) => directoryExists?.call(host, dir) === true || directoryExists?.call(host, redirect(dir)) === true;

  const roots = exercises.flatMap(({ folder, src }) => {
    const own = path.join(folder, "src");
    const added = tsFilesUnder(src).map((file) => path.join(own, path.relative(src, file)));
    return [...new Set([...tsFilesUnder(path.join(folder, "test")), ...tsFilesUnder(own), ...added])];
  });
  const program = ts.createProgram(roots, compilerOptions, host);
  const shared = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  const byFolder = new Map<string, string[]>();
  for (const { folder } of exercises) {
    const inside = (file: string) => !path.relative(folder, file).startsWith("..") && !file.includes(`${path.sep}node_modules${path.sep}`);
    const describe = (diagnostic: ts.Diagnostic) => {
      const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
      if (!diagnostic.file) return text;
      const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      return `${path.relative(folder, diagnostic.file.fileName).split(path.sep).join("/")}(${line + 1},${character + 1}): ${text}`;
    };
    const list = shared.map(describe);
    for (const source of program.getSourceFiles()) {
      if (!inside(source.fileName)) continue;
      for (const d of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
        if (d.category === ts.DiagnosticCategory.Error) list.push(describe(d));
      }
    }
    byFolder.set(folder, list);
  }
  return byFolder;
}

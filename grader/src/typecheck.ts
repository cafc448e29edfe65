import { existsSync, readdirSync, statSync } from "node:fs";
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

/**
 * Typechecks folders laid out like an exercise (`<folder>/test`, `<folder>/src`:
 * see course-check/layout.ts) in one program: the test kit, vitest's and Node's
 * types are loaded and checked once, not once per folder. Returns each folder's
 * diagnostics with paths as the folder sees them ("src/semaphore.ts(17,5): …").
 */
export function typecheckFolders(folders: readonly string[], options: ts.CompilerOptions): Map<string, string[]> {
  const program = ts.createProgram(folders.flatMap(tsFilesUnder), options);
  const byFolder = new Map<string, string[]>(folders.map((folder) => [folder, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    const file = diagnostic.file?.fileName;
    const owner = file && folders.find((folder) => file.startsWith(folder + path.sep));
    if (!owner) {
      // Outside every folder (the kit, a package): the same for all of them, so every one reports it.
      for (const list of byFolder.values()) list.push(text);
      continue;
    }
    const { line, character } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    byFolder.get(owner)!.push(`${path.relative(owner, file).split(path.sep).join("/")}(${line + 1},${character + 1}): ${text}`);
  }
  return byFolder;
}

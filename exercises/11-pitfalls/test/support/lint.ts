// Runs typescript-eslint's no-floating-promises and no-misused-promises on the
// code under test, with full type information.
//
// "The code under test" is whatever this run resolves `src/` to: the grader
// and the course check lay folders over the exercise's stub (a submission may
// hold only the files it changed). The kit says which folders those are
// (srcChainUnderTest); the files to lint are found the way the tests find
// them, from src/index.ts following relative imports through that chain, and
// TypeScript is given that resolution too, so it sees the program the tests run.
import { createRequire } from "node:module";
import path from "node:path";
import { srcChainUnderTest } from "@course/testkit";
import { resolveInChain, type SrcChain } from "@course/testkit/config";
import { ESLint } from "eslint";
import ts from "typescript";
import tseslint from "typescript-eslint";

export const exerciseDir = path.resolve(import.meta.dirname, "../..");

type Words = [what: string, fix: string | undefined];

export const RULES = ["no-floating-promises", "no-misused-promises"] as const;
export type Rule = (typeof RULES)[number];

/** One problem ESLint found, located as a student reads it: `src/save-all.ts:7`. */
export interface Finding {
  rule: Rule | "parse";
  /** `src/…` relative to the folder the file came from. */
  file: string;
  line: number;
  /** What it means, in the course's words. */
  what: string;
  /** What to do about it, when that is certain. */
  fix: string | undefined;
  /** True for the given src/legacy.ts (linted to show, never graded). */
  given: boolean;
}

export interface LintReport {
  /** The files under test, as `src/…` display paths, with where each came from. */
  files: { display: string; file: string; given: boolean }[];
  findings: Finding[];
  /** How long the lint took, in real ms (it is real CPU work). */
  tookMs: number;
}

/** `src/save-all.ts`, for a file found in any folder of the chain. */
function displayPath(chain: SrcChain, file: string): string {
  for (const dir of chain.dirs) {
    const rel = path.relative(dir, file);
    if (!rel.startsWith("..") && !path.isAbsolute(rel)) return path.posix.join("src", ...rel.split(path.sep));
  }
  return file;
}

function inChain(chain: SrcChain, file: string): boolean {
  return chain.dirs.some((dir) => {
    const rel = path.relative(dir, file);
    return !rel.startsWith("..") && !path.isAbsolute(rel);
  });
}

/** The compiler options of the exercise (its tsconfig.json), without its list of files. */
function compilerOptions(): ts.CompilerOptions {
  const config = path.join(exerciseDir, "tsconfig.json");
  const parsed = ts.getParsedCommandLineOfConfigFile(
    config,
    {},
    {
      ...ts.sys,
      // Only the options are wanted: do not list the files the config would include.
      readDirectory: () => [],
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${config}`);
  // Files from a submission or a temporary folder have no node_modules above
  // them: say where the Node types are.
  const nodeTypes = path.dirname(createRequire(import.meta.url).resolve("@types/node/package.json"));
  return { ...parsed.options, typeRoots: [path.dirname(nodeTypes)], noEmit: true };
}

// TypeScript's own declarations and @types/node are most of what a program
// parses, and the same for every run: parse them once per process (the course
// check lints many chains in one worker).
const SHARED = Symbol.for("course.11-pitfalls.shared-source-files");
const sharedSources: Map<string, ts.SourceFile | undefined> = ((globalThis as Record<symbol, Map<string, ts.SourceFile | undefined>>)[SHARED] ??=
  new Map());

/** The TypeScript program the tests run: src/index.ts and what it imports, through the chain. */
function createProgram(chain: SrcChain, extraRoots: string[]): ts.Program {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile } = host;
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!fileName.includes(`${path.sep}node_modules${path.sep}`) || inChain(chain, path.resolve(fileName))) {
      return getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate);
    }
    const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
    if (!sharedSources.has(key)) sharedSources.set(key, getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate));
    return sharedSources.get(key);
  };
  host.resolveModuleNameLiterals = (literals, containingFile, _redirected, compilerOptions) =>
    literals.map((literal) => {
      const specifier = literal.text;
      const inSrc = inChain(chain, containingFile) ? resolveInChain(chain, specifier, containingFile) : undefined;
      if (inSrc) {
        return { resolvedModule: { resolvedFileName: inSrc, extension: ts.Extension.Ts, isExternalLibraryImport: false } };
      }
      return ts.resolveModuleName(specifier, containingFile, compilerOptions, host);
    });
  const index = resolveInChain(chain, "./index.ts", path.join(chain.dirs.at(-1)!, "index.ts"));
  if (!index) throw new Error("src/index.ts was not found");
  return ts.createProgram({ rootNames: [index, ...extraRoots], options, host });
}

const FLOATING: Words = [
  "a promise is created and never awaited",
  "await it (or return it); for several, collect the promises and await Promise.all",
];
const FLOATING_ARRAY: Words = ["an array of promises is left floating", "await Promise.all(…) on it"];
const USELESS_HANDLER: Words = ["a promise is left floating, and its .then/.catch does not really handle a failure", "await it instead"];
const IGNORED: Words = ["an async function is put where a plain function is expected, so its promise will be ignored", undefined];

/** What each of the rules' messages means, and what to do about it, in the course's words. */
const WORDS: Record<string, Words> = {
  floating: FLOATING,
  floatingVoid: FLOATING,
  floatingFixAwait: FLOATING,
  floatingFixVoid: FLOATING,
  floatingPromiseArray: FLOATING_ARRAY,
  floatingPromiseArrayVoid: FLOATING_ARRAY,
  floatingUselessRejectionHandler: USELESS_HANDLER,
  floatingUselessRejectionHandlerVoid: USELESS_HANDLER,
  voidReturnArgument: [
    "an async function is passed to something that ignores the promise it returns (forEach(async …) is the classic " +
      "case), so nothing waits for it and nothing handles its failure",
    "to loop, use for…of with await, or map to promises and await Promise.all",
  ],
  voidReturnVariable: IGNORED,
  voidReturnProperty: IGNORED,
  voidReturnReturnValue: IGNORED,
  voidReturnAttribute: IGNORED,
  voidReturnInheritedMethod: ["an async method overrides a plain one, so its callers will ignore its promise", undefined],
  conditional: ["a promise is used as a condition, and a promise is always truthy", "await it first"],
  predicate: [
    "an async callback is used as a test (filter, find, some…), and its promise is always truthy",
    "await the values first, then test them",
  ],
  spread: ["a promise is spread into an object", "await it first"],
};

/**
 * Lints the code under test (and src/legacy.ts, to show) with one ESLint
 * instance. Slow: building a typed program is real CPU work, a few seconds.
 */
export async function lintCodeUnderTest(): Promise<LintReport> {
  const started = performance.now();
  const chain = srcChainUnderTest(exerciseDir);
  const legacy = resolveInChain(chain, "./legacy.ts", path.join(chain.dirs.at(-1)!, "index.ts"))!;
  const program = createProgram(chain, [legacy]);
  const isGiven = (file: string) => chain.given.has(path.relative(chain.dirs.at(-1)!, file)) && file.startsWith(chain.dirs.at(-1)!);
  const files = program
    .getSourceFiles()
    .map((source) => path.resolve(source.fileName))
    .filter((file) => !file.endsWith(".d.ts") && inChain(chain, file))
    .map((file) => ({ display: displayPath(chain, file), file, given: isGiven(file) }));

  const eslint = new ESLint({
    // The files may live in several folders (the stub, a submission, a temporary
    // folder), even under node_modules/.cache: lint exactly these, wherever they are.
    cwd: path.parse(exerciseDir).root,
    ignore: false,
    // An `// eslint-disable` comment does not make a floating promise land.
    allowInlineConfig: false,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ["**/*.ts"],
        languageOptions: { parser: tseslint.parser, parserOptions: { programs: [program] } },
        plugins: { "@typescript-eslint": tseslint.plugin as unknown as ESLint.Plugin },
        rules: Object.fromEntries(RULES.map((rule) => [`@typescript-eslint/${rule}`, "error"])),
      },
    ],
  });
  const results = await eslint.lintFiles(files.map((f) => f.file));
  const findings: Finding[] = [];
  for (const result of results) {
    const file = path.resolve(result.filePath);
    const display = displayPath(chain, file);
    for (const message of result.messages) {
      const rule = message.ruleId?.replace("@typescript-eslint/", "");
      if (message.fatal || !rule) {
        findings.push({ rule: "parse", file: display, line: message.line, what: message.message, fix: undefined, given: isGiven(file) });
      } else if ((RULES as readonly string[]).includes(rule)) {
        const [what, fix] = (message.messageId && WORDS[message.messageId]) || [message.message, undefined];
        findings.push({ rule: rule as Rule, file: display, line: message.line, what, fix, given: isGiven(file) });
      }
    }
  }
  return { files, findings, tookMs: Math.round(performance.now() - started) };
}

/** `src/save-all.ts:7 — a promise is created and never awaited (no-floating-promises): await it, …` */
export function describeFinding(finding: Finding): string {
  const rule = finding.rule === "parse" ? "the file cannot be parsed" : finding.rule;
  return `${finding.file}:${finding.line} — ${finding.what} (${rule})${finding.fix ? `: ${finding.fix}` : ""}`;
}

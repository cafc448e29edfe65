// `npm run lint`: the course's own code, statically.
//
// 1. TypeScript: the grader, the test kit, the course runner and the demos as
//    ONE program (tsconfig.json), every error printed as tsc prints it.
// 2. ESLint (eslint.config.js), its type-aware rules reading that same
//    program. Run as two tools, TypeScript built it twice, some 5 s of CPU of
//    every root `npm test` (measured cold on 2 cores: 22–26 s of CPU for both
//    here against 29.5 s for `tsc -p tsconfig.json` then `eslint .`).
// 3. The formatter's check (oxfmt --check, .oxfmtrc.jsonc), in a child process
//    beside them.
//
// Each part reports whatever it finds, whether or not another failed; the exit
// code is 1 when any of them found a problem. Their caches live in
// node_modules/.cache: lint/ (TypeScript's .tsbuildinfo) and eslint/ (by
// content); the formatter needs none (it checks every file in well under a second).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { ESLint } from "eslint";
import ts from "typescript";
import { TYPED_FILES } from "../eslint.config.js";
import { readToolsTsconfig } from "./tools-tsconfig.js";

const root = path.resolve(import.meta.dirname, "..");
// Its bin is a Node script: run by this Node (the one check-node.cjs accepted), not whichever `node` is first on PATH.
const oxfmtBin = path.join(path.dirname(createRequire(import.meta.url).resolve("oxfmt/package.json")), "bin", "oxfmt");

/** The formatter's check, its output kept to print after ESLint's (the two would interleave). */
function formatCheck() {
  return new Promise((resolve) => {
    // Colours when ours are a terminal; otherwise as the formatter sees fit.
    const env = process.stdout.isTTY ? { ...process.env, FORCE_COLOR: "1" } : process.env;
    const child = spawn(process.execPath, [oxfmtBin, "--check", "."], { cwd: root, stdio: ["ignore", "pipe", "pipe"], env });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => resolve({ ok: false, output: `lint: oxfmt could not start: ${error.message}\n` }));
    // Its own advice ("Run without `--check` to fix") would format everything but the wrong ways' patches: ours formats both.
    child.on("close", (code) => resolve({ ok: code === 0, output: code === 0 ? output : `${output}lint: npm run format fixes the formatting\n` }));
  });
}

/**
 * The course's own TypeScript, as `tsc -p tsconfig.json` checks it: the
 * program, and what is wrong in it. Incremental (its .tsbuildinfo in
 * node_modules/.cache/lint): a run after a small edit checks again only what
 * the edit can change; from cold it costs what tsc does.
 */
function typecheck() {
  const config = readToolsTsconfig();
  const options = { ...config.options, incremental: true, tsBuildInfoFile: path.join(root, "node_modules", ".cache", "lint", "tools.tsbuildinfo") };
  const builder = ts.createIncrementalProgram({ rootNames: config.fileNames, options, projectReferences: config.projectReferences });
  const diagnostics = [
    ...config.errors,
    ...builder.getOptionsDiagnostics(),
    ...builder.getGlobalDiagnostics(),
    ...builder.getSyntacticDiagnostics(),
    ...builder.getSemanticDiagnostics(),
  ];
  builder.emit();
  return { program: builder.getProgram(), diagnostics };
}

const formatting = formatCheck();

const { program, diagnostics } = typecheck();
const host = { getCanonicalFileName: (file) => file, getCurrentDirectory: () => root, getNewLine: () => "\n" };
if (diagnostics.length > 0) {
  const format = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
  process.stdout.write(`${format(diagnostics, host)}\n`);
}
console.log(
  `TypeScript (tsconfig.json): ${diagnostics.length === 0 ? "no errors" : `${diagnostics.length} error(s)`} in ${program.getRootFileNames().length} files`,
);

// The typed rules read the program just checked, instead of building it again
// from the config's `project`. ESLint's cache keys each result by the config
// as JSON, which a program is not: it stands there as the tsconfig it came from.
const programs = Object.assign([program], { toJSON: () => ["tsconfig.json"] });
const eslint = new ESLint({
  cwd: root,
  cache: true,
  cacheLocation: path.join(root, "node_modules", ".cache", "eslint") + path.sep,
  cacheStrategy: "content",
  overrideConfig: [{ files: TYPED_FILES, languageOptions: { parserOptions: { programs } } }],
});
const results = await eslint.lintFiles(["."]);
const problems = results.reduce((sum, result) => sum + result.errorCount + result.warningCount, 0);
if (problems > 0) process.stdout.write(await (await eslint.loadFormatter("stylish")).format(results));
console.log(`ESLint: ${problems === 0 ? "no problems" : `${problems} problem(s)`} in ${results.length} files`);

const formatted = await formatting;
process.stdout.write(formatted.output);

process.exitCode = diagnostics.length === 0 && problems === 0 && formatted.ok ? 0 : 1;

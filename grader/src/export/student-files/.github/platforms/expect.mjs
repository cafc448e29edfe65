// The checks of the Platforms workflow (../workflows/platforms.yml): runs one
// of your commands as you would type it, in the shell you have (Windows
// PowerShell on Windows, sh elsewhere), shows its output as it comes, then
// checks that it did what it does on an untouched copy of the course.
//
//   node .github/platforms/expect.mjs WHAT "COMMAND"
//
// WHAT is one of:
//   test-failures     it fails because tests fail, and for no other reason:
//                     every test of the exercise it ran in (at the top: of
//                     every exercise) is named as failing, vitest's summary
//                     counts them all, nothing crashed; in an exercise, the
//                     type check after the tests finds nothing
//   graded            it exits 0 and writes the JSON report its --out names:
//                     every exercise graded, none an error, all not started
//   not-written-yet   npm run demo on a stub: each part is "not written yet"
//   needs-a-terminal  npm start without a terminal: says it needs one (its
//                     code all loaded), rather than failing some other way
//
// Only Node's own modules, in plain JavaScript: this runs before anything
// else can be trusted to work on the system under test.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";

const EXERCISE = /^\d{2}-[a-z0-9-]+$/;

/** The folder that holds exercises/ and grader/: the course, wherever in it this runs. */
function courseRoot(from) {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "exercises")) && existsSync(path.join(dir, "grader"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no course (exercises/ and grader/) around ${from}`);
  }
}

const exerciseIds = (root) =>
  readdirSync(path.join(root, "exercises"))
    .filter((name) => EXERCISE.test(name))
    .sort();

/**
 * The tests an exercise declares, as the course check collected them from its
 * stub and the export shipped them (grader/expected-tests/ID-HASH.json).
 */
function declaredTests(root, id) {
  const dir = path.join(root, "grader", "expected-tests");
  const files = readdirSync(dir).filter((name) => name.startsWith(`${id}-`) && name.endsWith(".json"));
  if (files.length !== 1) throw new Error(`grader/expected-tests/ has ${files.length} files for ${id}, not 1`);
  return JSON.parse(readFileSync(path.join(dir, files[0]), "utf8"));
}

/** The command line that runs `command` in the shell a student types it into. */
function inShell(command) {
  if (process.platform === "win32") {
    // -Command's own exit code is 0 or 1: pass on the command's.
    return {
      name: "Windows PowerShell",
      file: "powershell.exe",
      args: ["-NoLogo", "-NoProfile", "-NonInteractive", "-Command", `${command}; exit $LASTEXITCODE`],
    };
  }
  return { name: "sh", file: "/bin/sh", args: ["-c", command] };
}

/** Runs the command, its output shown as it comes and kept; resolves with how it ended and what it printed. */
function run(command) {
  const shell = inShell(command);
  console.log(`$ ${command}    (${shell.name}, in ${process.cwd()})`);
  return new Promise((resolve, reject) => {
    // No stdin: a command that waits for keys must say so, not hang.
    const child = spawn(shell.file, shell.args, { stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
    // Each stream kept whole, so that no character is cut by the other's chunks.
    const kept = { stdout: [], stderr: [] };
    for (const name of ["stdout", "stderr"]) {
      child[name].on("data", (chunk) => {
        kept[name].push(chunk);
        process[name].write(chunk);
      });
    }
    const text = (chunks) => stripVTControlCharacters(Buffer.concat(chunks).toString("utf8")).replace(/\r\n/g, "\n");
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, output: `${text(kept.stdout)}\n${text(kept.stderr)}` }));
  });
}

const ended = ({ code, signal }) => (signal ? `was stopped by ${signal}` : `exited with code ${code}`);

/** vitest's summary line `label  12 failed (12)`, as { failed, total }; undefined when some passed or it is missing. */
function allFailed(output, label) {
  const line = new RegExp(`^\\s*${label}\\s+(\\d+) failed \\((\\d+)\\)\\s*$`, "m").exec(output);
  return line ? { failed: Number(line[1]), total: Number(line[2]) } : undefined;
}

const CRASHES = [
  [/Unhandled (Errors?|Rejection)/, "vitest reports an unhandled error"],
  [/^\s*Errors\s+\d+ errors?/m, "vitest counts errors outside the tests"],
  [/Cannot find (module|package)|ERR_MODULE_NOT_FOUND/, "a module was not found"],
  [/is not recognized as (an internal or external command|the name of a cmdlet)|^(sh|bash|zsh): .*not found/m, "a command was not found"],
];

function testFailures(ran, root) {
  const problems = [];
  const here = path.relative(path.join(root, "exercises"), process.cwd()).split(path.sep)[0];
  const ids = here !== undefined && EXERCISE.test(here) ? [here] : exerciseIds(root);
  const declared = ids.map((id) => declaredTests(root, id));
  const tests = declared.flat();
  const testFiles = declared.reduce((sum, own) => sum + new Set(own.map((test) => test.file)).size, 0);
  if (ran.code === 0 && !ran.signal) problems.push("it exited with code 0: against the stubs, every test must fail");
  const counted = allFailed(ran.output, "Tests");
  if (!counted) problems.push('vitest\'s summary has no "Tests  N failed (N)" line: not every test ran and failed');
  else if (counted.failed !== counted.total || counted.total !== tests.length)
    problems.push(`vitest counted ${counted.failed} failed of ${counted.total} tests; the exercises declare ${tests.length}`);
  const countedFiles = allFailed(ran.output, "Test Files");
  if (!countedFiles) problems.push('vitest\'s summary has no "Test Files  N failed (N)" line');
  else if (countedFiles.total !== testFiles)
    problems.push(`vitest counted ${countedFiles.total} test files, the exercises' tests are in ${testFiles}`);
  // Each failing test is named on a line of its own: "FAIL  test/x.test.ts:9 > block > name".
  const named = ran.output
    .split("\n")
    .filter((line) => /\bFAIL\b/.test(line))
    .map((line) => line.trimEnd());
  const unnamed = tests.filter((test) => !named.some((line) => line.endsWith(`> ${test.name}`)));
  if (unnamed.length > 0) {
    problems.push(`${unnamed.length} of ${tests.length} tests are not named as failing, e.g. "${unnamed[0].name}"`);
  }
  for (const [pattern, what] of CRASHES) if (pattern.test(ran.output)) problems.push(`${what}: ${ran.output.match(pattern)[0]}`);
  if (ids.length === 1 && !/^ Type check {2}✓ no type errors in src\/$/m.test(ran.output)) {
    problems.push('the type check after the tests did not say "✓ no type errors in src/"');
  }
  return {
    problems,
    summary: `the ${tests.length} tests of ${ids.length === 1 ? ids[0] : `all ${ids.length} exercises`} ran and failed, each named (it ${ended(ran)})`,
  };
}

function graded(ran, root, command) {
  const problems = [];
  const out = /--out\s+("?)([^"\s]+)\1/.exec(command)?.[2];
  if (out === undefined) return { problems: ["the command names no --out FILE for its report"], summary: "" };
  if (ran.code !== 0) problems.push(`it ${ended(ran)}: grading that ran exits 0, whatever the score`);
  let report;
  try {
    report = JSON.parse(readFileSync(path.resolve(out), "utf8"));
  } catch (error) {
    problems.push(`no JSON report in ${out}: ${error.message}`);
    return { problems, summary: "" };
  }
  const ids = exerciseIds(root);
  const graded = (report.exercises ?? []).map((exercise) => exercise.id);
  const missing = ids.filter((id) => !graded.includes(id));
  const extra = graded.filter((id) => !ids.includes(id) || graded.indexOf(id) !== graded.lastIndexOf(id));
  if (missing.length > 0) problems.push(`not graded: ${missing.join(", ")}`);
  if (extra.length > 0) problems.push(`graded but not an exercise here, or twice: ${extra.join(", ")}`);
  for (const exercise of report.exercises ?? []) {
    if (exercise.status === "error") problems.push(`${exercise.id} could not be graded: ${exercise.message ?? "(no message)"}`);
  }
  const started = (report.exercises ?? []).filter((exercise) => exercise.notStarted !== true && exercise.status !== "error");
  if (started.length > 0) {
    problems.push(`taken for started (its src/ is not the stub's, byte for byte: line endings?): ${started.map((e) => e.id).join(", ")}`);
  }
  if (report.score !== 0) problems.push(`the stubs scored ${report.score}, not 0`);
  return { problems, summary: `${graded.length} exercises graded, none an error, all not started: ${report.score}/${report.maxScore}` };
}

function notWrittenYet(ran) {
  const problems = [];
  if (ran.code !== 0) problems.push(`it ${ended(ran)}: a demo of a stub tells its story and exits 0`);
  if (!/ is not written yet/.test(ran.output)) problems.push('no part says "… is not written yet"');
  if (!/^Not written yet: /m.test(ran.output)) problems.push('no closing "Not written yet: …" line');
  if (/could not start/.test(ran.output)) problems.push("the demo could not start");
  return { problems, summary: "the demo says what is not written yet" };
}

function needsATerminal(ran) {
  const problems = [];
  if (ran.code === 0) problems.push("it exited with code 0 without a terminal");
  if (!/npm start needs a terminal to run in/.test(ran.output)) problems.push('it did not say "npm start needs a terminal to run in"');
  for (const [pattern, what] of CRASHES) if (pattern.test(ran.output)) problems.push(`${what}: ${ran.output.match(pattern)[0]}`);
  return { problems, summary: `it loaded, and said it needs a terminal (it ${ended(ran)})` };
}

const CHECKS = { "test-failures": testFailures, graded, "not-written-yet": notWrittenYet, "needs-a-terminal": needsATerminal };

async function main() {
  const [what, command, ...rest] = process.argv.slice(2);
  const check = CHECKS[what];
  if (!check || !command || rest.length > 0) {
    console.error(`usage: node expect.mjs (${Object.keys(CHECKS).join(" | ")}) "COMMAND"`);
    return 2;
  }
  const root = courseRoot(process.cwd());
  const ran = await run(command);
  const { problems, summary } = check(ran, root, command);
  console.log("");
  if (problems.length === 0) {
    console.log(`✓ ${command}: ${summary}`);
    return 0;
  }
  console.log(`✗ ${command}: not what it does on an untouched course (${what}):`);
  for (const problem of problems) console.log(`  - ${problem}`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);

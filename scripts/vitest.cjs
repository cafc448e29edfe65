// `npm test` in an exercise: checks the Node version (in syntax old Nodes parse,
// so the message shows instead of a stack trace from deep inside vitest), turns
// on Node's compile cache (every run after the first starts faster: vitest,
// vite and msw are large), then runs vitest in this same process.
//
// After vitest's report, `npm test` in an exercise prints a type check of the
// exercise, run beside the tests (typecheck.cjs): never blocking them, never
// changing the exit code (a green run with type errors exits 0).
//
// Two things a student would otherwise misread:
// - `npm run test:watch` with no terminal to watch from (stdin not a TTY, or
//   CI) runs the tests once: it says so, in one line.
// - After a red run, npm adds its own "npm error Lifecycle script `test`
//   failed …" lines, which read as if npm itself had broken. npm prints them
//   for any non-zero exit of the script and has no setting a workspace
//   package can use to silence them (a workspace's .npmrc is ignored). What it
//   does not report is a script stopped by a signal: it stops itself the same
//   way, quietly. So once vitest has written its report, a red run stops
//   npm's script shell (or npm, when the shell made way for us) with SIGINT:
//   the exit status is 130, still a failure for the shell, CI or `&&`.
var parts = process.versions.node.split(".").map(Number);
if (!(parts[0] > 22 || (parts[0] === 22 && parts[1] >= 12))) {
  require("./check-node.cjs");
}
var path = require("node:path");
var fs = require("node:fs");
var childProcess = require("node:child_process");
var nodeModule = require("node:module");
var cache = path.join(__dirname, "..", "node_modules", ".cache", "node-compile-cache");
if (!process.env.NODE_COMPILE_CACHE) process.env.NODE_COMPILE_CACHE = cache;
if (nodeModule.enableCompileCache) nodeModule.enableCompileCache(process.env.NODE_COMPILE_CACHE);

var args = process.argv.slice(2);
var watchAsked = args[0] !== "run" && args.indexOf("--run") === -1 && args.indexOf("--watch=false") === -1;
if (watchAsked && (!process.stdin.isTTY || process.env.CI)) {
  process.stderr.write(
    "test:watch needs a terminal to watch from (" +
      (process.stdin.isTTY ? "CI is set" : "stdin is not a TTY") +
      "): running the tests once, as npm test does.\n",
  );
}

/** The command line of process `pid`, or "" when it cannot be read. */
function commandLine(pid) {
  try {
    return fs
      .readFileSync("/proc/" + pid + "/cmdline", "utf8")
      .split("\0")
      .join(" ")
      .trim();
  } catch (_) {
    try {
      return childProcess.execFileSync("ps", ["-o", "command=", "-p", String(pid)], { encoding: "utf8", timeout: 2000 }).trim();
    } catch (_) {
      return "";
    }
  }
}

/**
 * The process npm waits for when it ran this file as a package script: its
 * script shell (`sh -c "node …/vitest.cjs run"`), or npm itself when the
 * shell exec'd node. Undefined when this run did not come from such a script.
 */
function npmScriptProcess() {
  var script = process.env.npm_lifecycle_script;
  if (process.platform === "win32" || !script || script.indexOf("vitest.cjs") === -1) return undefined;
  var parent = commandLine(process.ppid);
  var isScriptShell = parent.slice(-script.length) === script && / -c /.test(parent);
  var isNpm = /(^|[\s/])npm(-cli\.js)?(\s|$)/.test(parent);
  return isScriptShell || isNpm ? process.ppid : undefined;
}

// The type check (see typecheck.cjs): started now, beside the tests, and
// printed once vitest is done (its report written, nothing left to run), as a
// section of its own. Not in watch mode (vitest never ends), nor for vitest's
// own --help or --version.
var typecheckReport;
var quickFlag = args.some(function (arg) {
  return arg === "--help" || arg === "-h" || arg === "--version" || arg === "-v";
});
if (!watchAsked && !quickFlag) typecheckReport = require("./typecheck.cjs").startTypecheck(process.cwd());
if (typecheckReport) {
  // With a reporter of its own choosing (json, junit…), vitest's output may be
  // read by a program: the section goes to stderr, so stdout stays parseable.
  var ownReporter = args.some(function (arg) {
    return arg.indexOf("--reporter") === 0;
  });
  process.on("beforeExit", function () {
    typecheckReport(ownReporter ? process.stderr : process.stdout);
  });
}

process.on("exit", function (code) {
  if (code === 0) return;
  var pid = npmScriptProcess();
  if (pid === undefined) return;
  try {
    process.kill(pid, "SIGINT");
  } catch (_) {
    // Gone already: npm reports the exit code as usual.
  }
});

// vitest reads its arguments from process.argv, as if it had been started itself.
var cli = path.join(path.dirname(require.resolve("vitest/package.json")), "vitest.mjs");
process.argv.splice(1, 1, cli);
import(require("node:url").pathToFileURL(cli).href);

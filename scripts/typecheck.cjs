// The type check of `npm test` in an exercise (scripts/vitest.cjs starts it).
//
// vitest only strips the types: code that runs, and passes its tests, may
// still not typecheck (`items[i]` is `T | undefined` under the course's
// noUncheckedIndexedAccess). So `npm test` also runs TypeScript over the
// exercise's src/ (as `tsc --noEmit -p .` would, with its tsconfig.json,
// through TypeScript's API), beside the tests, and prints what it found after
// vitest's report, as a section of its own. It never blocks the tests and never
// changes the exit code: a green run with type errors still exits 0 (the
// grader lists them as a warning, not a deduction).
//
// src/ only, not the tests: the tests bring in the types of vitest, vite and
// msw (some 350 more declaration files), which make every check after an edit
// a third more costly (measured on exercise 02, 2 cores: 2.5 s instead of
// 1.9 s, 3.6 s of CPU instead of 2.7 s), for errors that only a changed
// signature causes. `npm run typecheck` (tsc -p .) and the grader check the
// tests too.
//
// Kept fast, because `npm test` is the student's loop:
// - The check runs in a child process, started before vitest, at a lower
//   priority than the tests: the tests' results come first.
// - Unchanged since the last check (every file TypeScript read: the same
//   content for the exercise's own files, the same size and time for the
//   packages'), the last result is shown and no TypeScript is loaded at all.
// - Otherwise the check is incremental (a .tsbuildinfo under
//   node_modules/.cache/course-typecheck/): only what changed is checked again.
//
// Waiting for the result at the end is synchronous (a poll of the file the
// child writes): vitest is done by then, and its own unref'd exit timer
// cannot fire while this process waits.
"use strict";
var childProcess = require("node:child_process");
var crypto = require("node:crypto");
var fs = require("node:fs");
var os = require("node:os");
var path = require("node:path");

var CACHE_DIR = path.join(__dirname, "..", "node_modules", ".cache", "course-typecheck");
/** Past this, `npm test` stops waiting for the check and says so; the check finishes for the next run. */
var WAIT_MS = 60000;
/** At most this many errors are printed; the rest are counted. */
var SHOWN = 10;
var SOURCE = /\.(?:[cm]?ts|tsx|json)$/;

function key(projectDir) {
  var hash = crypto.createHash("sha256").update(path.resolve(projectDir)).digest("hex").slice(0, 16);
  return path.join(CACHE_DIR, path.basename(projectDir) + "-" + hash);
}

function digest(file) {
  try {
    return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex").slice(0, 24);
  } catch (_) {
    return "missing";
  }
}

function statOf(file) {
  try {
    var stat = fs.statSync(file);
    return stat.size + ":" + stat.mtimeMs;
  } catch (_) {
    return "missing";
  }
}

/** The project's own source files (not node_modules): a file added or removed is a change. */
function ownFiles(projectDir) {
  var found = [];
  (function walk(dir, rel) {
    var entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (_) {
      return;
    }
    for (var i = 0; i < entries.length; i++) {
      var entry = entries[i];
      if (entry.name === "node_modules" || entry.name.charAt(0) === ".") continue;
      var relPath = rel ? rel + "/" + entry.name : entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), relPath);
      else if (SOURCE.test(entry.name)) found.push(relPath);
    }
  })(projectDir, "");
  return found.sort();
}

/** What a check's result depends on: each file TypeScript read, by content inside the project, by size and time outside. */
function fingerprintOf(projectDir, files) {
  var inside = path.resolve(projectDir) + path.sep;
  var entries = {};
  for (var i = 0; i < files.length; i++) {
    var file = path.resolve(files[i]);
    entries[file] = file.indexOf(inside) === 0 && file.indexOf(path.sep + "node_modules" + path.sep) === -1 ? digest(file) : statOf(file);
  }
  return { node: process.version, own: ownFiles(projectDir), files: entries };
}

function stillValid(projectDir, saved) {
  if (!saved || saved.node !== process.version || !saved.files) return false;
  if (JSON.stringify(ownFiles(projectDir)) !== JSON.stringify(saved.own)) return false;
  var files = Object.keys(saved.files);
  var now = fingerprintOf(projectDir, files).files;
  for (var i = 0; i < files.length; i++) if (now[files[i]] !== saved.files[files[i]]) return false;
  return true;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (_) {
    return undefined;
  }
}

function writeAtomically(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  var temp = file + "." + process.pid + ".tmp";
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}

/**
 * Typechecks a project's src/ (with its tsconfig.json's settings)
 * incrementally, as `tsc --noEmit -p .` would, and returns its errors as
 * "src/x.ts:12:5 - error TS2532: …" (paths relative to the project). Saves the
 * result with what it depends on. A project without src/ is checked whole.
 */
function check(projectDir) {
  var ts = require(require.resolve("typescript", { paths: [projectDir] }));
  var base = key(projectDir);
  var read = new Set();
  var configHost = Object.assign({}, ts.sys, {
    readFile: function (file) {
      read.add(file);
      return ts.sys.readFile(file);
    },
    onUnRecoverableConfigFileDiagnostic: function (diagnostic) {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  });
  var parsed = ts.getParsedCommandLineOfConfigFile(path.join(projectDir, "tsconfig.json"), {}, configHost);
  var buildInfo = base + ".tsbuildinfo";
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  var options = Object.assign({}, parsed.options, { noEmit: true, incremental: true, tsBuildInfoFile: buildInfo });
  var host = ts.createIncrementalCompilerHost(options);
  var readFile = host.readFile;
  host.readFile = function (file) {
    if (path.resolve(file) !== buildInfo) read.add(file);
    return readFile.call(host, file);
  };
  var getSourceFile = host.getSourceFile;
  host.getSourceFile = function (file) {
    read.add(file);
    return getSourceFile.apply(host, arguments);
  };
  var src = path.resolve(projectDir, "src") + path.sep;
  var inSrc = parsed.fileNames.filter(function (file) {
    return path.resolve(file).indexOf(src) === 0;
  });
  var program = ts.createIncrementalProgram({
    rootNames: inSrc.length > 0 ? inSrc : parsed.fileNames,
    options: options,
    host: host,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
    projectReferences: parsed.projectReferences,
  });
  var diagnostics = [].concat(
    program.getConfigFileParsingDiagnostics(),
    program.getOptionsDiagnostics(),
    program.getGlobalDiagnostics(),
    program.getSyntacticDiagnostics(),
    program.getSemanticDiagnostics(),
  );
  // With noEmit, this writes the .tsbuildinfo only.
  program.emit();
  var errors = diagnostics
    .filter(function (d) {
      return d.category === ts.DiagnosticCategory.Error;
    })
    .map(function (d) {
      var text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      var where = "";
      if (d.file) {
        var position = d.file.getLineAndCharacterOfPosition(d.start || 0);
        where =
          path.relative(projectDir, d.file.fileName).split(path.sep).join("/") + ":" + (position.line + 1) + ":" + (position.character + 1) + " - ";
      }
      return { text: where + "error TS" + d.code + ": " + text, code: d.code };
    });
  var result = { errors: errors };
  writeAtomically(base + ".json", JSON.stringify(Object.assign({ result: result }, fingerprintOf(projectDir, Array.from(read)))));
  return result;
}

/**
 * Errors TypeScript reports when a value may be undefined: under
 * noUncheckedIndexedAccess, what `items[i]` and `map.get(k)` give.
 */
function mayBeUndefined(error) {
  return error.code === 2532 || error.code === 18048 || ((error.code === 2322 || error.code === 2345) && /\| undefined'/.test(error.text));
}

function paint(stream) {
  var force = process.env.FORCE_COLOR;
  var on = force !== undefined ? force !== "0" && force !== "false" : stream.isTTY === true && !process.env.NO_COLOR;
  var code = function (open) {
    return function (text) {
      return on ? "\u001b[" + open + "m" + text + "\u001b[39m" : text;
    };
  };
  return {
    red: code(31),
    green: code(32),
    yellow: code(33),
    dim: on
      ? function (t) {
          return "\u001b[2m" + t + "\u001b[22m";
        }
      : function (t) {
          return t;
        },
  };
}

/** The section printed after vitest's report (which ends with a blank line). */
function formatSection(result, stream) {
  var c = paint(stream);
  var label = " Type check ";
  if (result.failed) {
    return (
      label +
      " " +
      c.yellow("could not run: " + result.failed) +
      "\n" +
      c.dim("             (your tests ran as usual; `npm run typecheck` runs the check alone)") +
      "\n"
    );
  }
  var errors = result.errors;
  if (errors.length === 0) return label + " " + c.green("✓ no type errors in src/") + "\n";
  var lines = [
    label +
      " " +
      c.red("✗ " + errors.length + (errors.length === 1 ? " type error" : " type errors")) +
      c.dim(" in src/ (the tests above ran as usual and decide the exit code; fix these too: the grader lists them)"),
  ];
  for (var i = 0; i < Math.min(SHOWN, errors.length); i++) lines.push("   " + errors[i].text.split("\n").join("\n     "));
  if (errors.length > SHOWN) lines.push(c.dim("   … and " + (errors.length - SHOWN) + " more: `npm run typecheck` lists them all"));
  if (errors.some(mayBeUndefined)) {
    lines.push(
      c.dim(
        "   Possibly undefined? The course turns on noUncheckedIndexedAccess, so items[i] is T | undefined: " +
          "check it (if, ??), or write items[i]! where you know it is there.",
      ),
    );
  }
  return lines.join("\n") + "\n";
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/**
 * Starts the type check of `projectDir` (when it has a tsconfig.json) and
 * returns `report(stream)`, which prints its section once: at once when the
 * check is done, else after waiting for it (synchronously: call it once the
 * tests are over). Undefined when there is nothing to check.
 */
function startTypecheck(projectDir) {
  if (!fs.existsSync(path.join(projectDir, "tsconfig.json"))) return undefined;
  var base = key(projectDir);
  var saved = readJson(base + ".json");
  var ready;
  try {
    if (stillValid(projectDir, saved)) ready = saved.result;
  } catch (_) {
    ready = undefined;
  }
  var resultFile = base + ".result-" + process.pid + ".json";
  var child;
  if (!ready) {
    try {
      fs.rmSync(resultFile, { force: true });
      child = childProcess.spawn(process.execPath, [__filename, projectDir, resultFile], {
        stdio: "ignore",
        windowsHide: true,
        env: process.env,
      });
      child.on("error", function () {});
      child.unref();
      try {
        // The tests first: the check takes what CPU they leave.
        os.setPriority(child.pid, 10);
      } catch (_) {
        // Not allowed here: the check runs at the same priority.
      }
    } catch (error) {
      ready = { failed: error.message, errors: [] };
    }
  }
  var reported = false;
  return function report(stream) {
    if (reported) return;
    reported = true;
    var result = ready;
    // On a terminal, a "checking…" line while the check finishes, replaced by its result.
    var waiting = "";
    if (!result) {
      var waited = 0;
      for (;;) {
        result = readJson(resultFile);
        if (result) break;
        if (!child || !child.pid || !alive(child.pid)) {
          result = readJson(resultFile) || { failed: "the check stopped before it was done", errors: [] };
          break;
        }
        if (waited >= WAIT_MS) {
          stream.write(
            (waiting ? "\r\u001b[K" : "") + " Type check  still running after " + WAIT_MS / 1000 + " s: the next `npm test` shows its result.\n",
          );
          return;
        }
        if (waited === 300 && stream.isTTY) {
          waiting = " Type check  checking…";
          stream.write(waiting);
        }
        sleep(50);
        waited += 50;
      }
      fs.rmSync(resultFile, { force: true });
    }
    var section = formatSection(result, stream);
    stream.write(waiting ? "\r\u001b[K" + section : section);
  };
}

module.exports = { startTypecheck: startTypecheck, formatSection: formatSection, check: check, cacheBase: key };

if (require.main === module) {
  // node typecheck.cjs PROJECT_DIR RESULT_FILE: the child's side.
  var projectDir = process.argv[2];
  var resultFile = process.argv[3];
  var result;
  try {
    result = check(projectDir);
  } catch (error) {
    result = { failed: (error && error.message ? error.message : String(error)).split("\n")[0], errors: [] };
  }
  writeAtomically(resultFile, JSON.stringify(result));
}

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync } from "node:fs";
import { copyFile, mkdir, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SRC_DIRS_ENV } from "@course/testkit/config";
import { courseRoot } from "../exercises.ts";
import { groupCpuMs, groupUsage } from "./cpu-time.ts";
import { endOfRun, type RunEnding } from "./end-reason.ts";
import { DEFAULT_LIMITS, OUTPUT_KEPT, type RunLimits } from "./limits.ts";
import type { RunMessage } from "./messages.ts";
import { emptyRunResult, type RunResult } from "./run-result.ts";
import { writeBatchConfig } from "./batch.ts";
import { buildSandbox, compileCacheDir, exerciseGrants } from "./sandbox.ts";

export type { RunResult };

const require = createRequire(import.meta.url);
const vitestCli = path.join(path.dirname(require.resolve("vitest/package.json")), "vitest.mjs");
const reporter = fileURLToPath(new URL("./ipc-reporter.ts", import.meta.url));
/** The compile cache of the course's own processes (grader/bin/run-ts.js sets it up). */
const sharedCompileCache = path.join(courseRoot, "node_modules", ".cache", "node-compile-cache");

/** A run's limits (limits.ts), each DEFAULT_LIMITS' where not given. */
interface RunOptions extends Partial<RunLimits> {
  /** The pristine exercise: its tests, config and stub `src/`. */
  exerciseDir: string;
  /** Folders laid over the stub's `src/`, first wins (none: the stub itself). */
  srcDirs?: readonly string[];
  /**
   * Other exercises of the same course, each with its own staged src/, run in
   * the same vitest as projects of their own (batch.ts). They must ask the same
   * sandbox grants. The result's files are then relative to the course
   * ("exercises/<id>/test/…"): splitBatchRun gives each exercise its own.
   */
  batch?: readonly { exerciseDir: string; srcDirs: readonly string[] }[];
  /** Test processes at once (vitest's maxWorkers; default: vitest's own). */
  workers?: number;
}

/**
 * Copies the shared compile cache, file by file. Other processes (a run beside
 * this one, the course check) may be writing it: a file gone between listing
 * and copying is skipped; the cache is an optimisation, never a requirement.
 */
async function copyCompileCache(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  let entries: string[];
  try {
    entries = await readdir(from, { recursive: true, encoding: "utf8" });
  } catch {
    return;
  }
  // Asynchronous, a few files at a time: the copy is tens of megabytes, and a
  // grader blocked on it would not watch the runs already going (their idle
  // and busy clocks).
  const copyOne = async (rel: string) => {
    try {
      const source = path.join(from, rel);
      if ((await stat(source)).isDirectory()) await mkdir(path.join(to, rel), { recursive: true });
      else {
        await mkdir(path.dirname(path.join(to, rel)), { recursive: true });
        await copyFile(source, path.join(to, rel));
      }
    } catch {
      // Gone, or being rewritten: this run compiles that file itself.
    }
  };
  for (let i = 0; i < entries.length; i += 16) await Promise.all(entries.slice(i, i + 16).map(copyOne));
}

/**
 * The only variables of the grader's environment a run sees: what Node and the
 * operating system need to run at all (Windows' among them), and the locale
 * and time zone. Everything else stays out: a run executes student code, and
 * the grader's environment may hold secrets (a token in CI). `CI` is left out
 * too, so that a run behaves the same in CI and on an instructor's machine.
 */
const PASSED_ON_ENV = ["PATH", "LANG", "LC_ALL", "TZ", "SystemRoot", "ComSpec", "PATHEXT"] as const;

/**
 * The environment of a run: PASSED_ON_ENV from the grader's, a home and a
 * temporary folder of the run's own (deleted with it, so nothing written there
 * reaches a later run), and what the run itself needs.
 */
function runEnvironment(runDir: string, own: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of PASSED_ON_ENV) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  const home = path.join(runDir, "home");
  const tmp = path.join(runDir, "tmp");
  mkdirSync(home, { recursive: true });
  mkdirSync(tmp, { recursive: true });
  Object.assign(env, { HOME: home, USERPROFILE: home, TMPDIR: tmp, TEMP: tmp, TMP: tmp }, own);
  return env;
}

/** How often the run's CPU time is read, to tell a loop. */
const BUSY_POLL_MS = 250;
/** A run whose threads waited for a CPU this share of a poll's interval or more was starved, not idle. */
const STARVED_SHARE = 0.25;
/** After the run's process exits, how long its streams may stay open before the run is over anyway. */
const CLOSE_GRACE_MS = 2_000;
/** How long vitest may take to exit after reporting its end. */
const EXIT_GRACE_MS = 3_000;

/**
 * Runs one exercise's tests in a child vitest, in its own process group, and
 * gathers each test's result as it arrives. The group is killed at the time
 * limit, so an infinite loop in student code ends the run, not the grader.
 */
export async function runTests(options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const { exerciseDir, srcDirs = [] } = options;
  const { timeoutMs, idleMs, busyMs, testTimeoutMs, memoryMb } = { ...DEFAULT_LIMITS, ...options };
  const limits: RunLimits = { timeoutMs, idleMs, busyMs, testTimeoutMs, memoryMb };
  // Everything the run may write (its home, its temporary files, its compile
  // cache) is in a folder of its own, deleted when it ends.
  // By its real path: the permission model grants paths as written, and a
  // temporary folder reached through a link (macOS's /var/folders, Windows'
  // short names) would otherwise be refused to the run itself.
  const runDir = mkdtempSync(path.join(realpathSync.native(tmpdir()), "course-run-"));
  // Node's compile cache makes vitest, vite and msw start faster. The run gets a
  // copy of the course's own cache: whatever the code under test writes there
  // is thrown away with the copy, never read by a later run.
  const compileCache = compileCacheDir(runDir);
  await copyCompileCache(sharedCompileCache, compileCache);
  // The run reads its own copy of the exercise, and only what it needs: see sandbox.ts.
  const batch = options.batch ?? [];
  const sandbox = buildSandbox({
    exerciseDir,
    batchedWith: batch.map((b) => b.exerciseDir),
    overlays: [...srcDirs, ...batch.flatMap((b) => b.srcDirs)],
    runDir,
    grants: exerciseGrants(exerciseDir),
    memoryMb,
  });
  // A batch runs from the course's copy, each exercise a project with its own overlays (batch.ts).
  const root = batch.length > 0 ? sandbox.courseDir : sandbox.exerciseDir;
  const config =
    batch.length > 0
      ? writeBatchConfig(
          sandbox.courseDir,
          [{ exerciseDir, srcDirs }, ...batch].map((b) => ({
            exerciseDir: path.join(sandbox.courseDir, "exercises", path.basename(b.exerciseDir)),
            srcDirs: b.srcDirs,
          })),
          { testFlags: sandbox.testFlags, testTimeoutMs },
        )
      : path.join(sandbox.exerciseDir, "vitest.config.ts");
  const args = [
    ...sandbox.mainFlags,
    vitestCli,
    "run",
    "--root",
    root,
    "--config",
    config,
    ...(options.workers ? ["--maxWorkers", String(options.workers)] : []),
    "--reporter",
    reporter,
    // Each test file in a fresh process: what one file's code under test did to
    // its process cannot reach the next file, and the process can be given
    // narrower permissions than vitest's own.
    "--pool",
    "forks",
    "--isolate",
    // What the code under test logs is never reported: not passing it on
    // spares vitest the work (a flood of console output is graded, not choked on).
    "--silent",
    ...sandbox.vitestFlags,
    "--testTimeout",
    String(testTimeoutMs),
    "--hookTimeout",
    String(testTimeoutMs),
  ];
  // Not the grader's environment (no NODE_OPTIONS, no secrets): see PASSED_ON_ENV.
  const env = runEnvironment(runDir, {
    // A batch gives each project its overlays itself.
    [SRC_DIRS_ENV]: batch.length > 0 ? "" : srcDirs.join(path.delimiter),
    FORCE_COLOR: "0",
    NO_COLOR: "1",
    NODE_COMPILE_CACHE: compileCache,
    ...sandbox.env,
  });
  const command = sandbox.wrap(process.execPath, args);

  const result = emptyRunResult();
  /** The test running now ("test/x.test.ts > its name"), as far as the reporter has said. */
  let runningTest: string | undefined;
  /** The limit that stopped the run, if one did (the first: stopping kills the run). */
  let stoppedBy: RunEnding["stoppedBy"];
  /** Set when the run's process could not be started, or signalled. */
  let processError = false;
  return new Promise((resolve) => {
    const child = spawn(command.command, command.args, {
      cwd: root,
      env,
      detached: true,
      // On Windows, no console window for the run and each process it starts.
      windowsHide: true,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    const keep = (chunk: Buffer) => {
      result.output = (result.output + chunk.toString()).slice(-OUTPUT_KEPT);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);

    const killGroup = () => {
      if (!child.pid) return;
      if (process.platform === "win32") {
        // No process groups on Windows: taskkill ends the process and every process it started.
        spawn("taskkill", ["/pid", String(child.pid), "/T", "/F"], { stdio: "ignore", windowsHide: true }).on("error", () => {});
        return;
      }
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    };
    const stop = (why: NonNullable<typeof stoppedBy>) => {
      stoppedBy ??= why;
      killGroup();
    };
    const deadline = setTimeout(() => stop("timeout"), timeoutMs);
    const idle = setTimeout(() => stop("idle"), idleMs);
    // A loop is told by the CPU it burns without progress: much sooner than by
    // wall time, and a run merely starved of CPU on a busy machine is not one.
    // Likewise, idle means waiting for nothing: a run whose threads queued
    // for a CPU (the machine was busy) was not idle, and its clock restarts.
    let cpuAtProgress = child.pid ? groupCpuMs(child.pid) : undefined;
    let lastWait: number | undefined;
    const busy = setInterval(() => {
      const usage = child.pid ? groupUsage(child.pid) : undefined;
      if (usage === undefined || cpuAtProgress === undefined) return;
      if (usage.cpuMs - cpuAtProgress > busyMs) stop("busy");
      if (usage.rssMb > memoryMb) stop("memory");
      if (lastWait !== undefined && usage.waitMs - lastWait > BUSY_POLL_MS * STARVED_SHARE) idle.refresh();
      lastWait = usage.waitMs;
    }, BUSY_POLL_MS);
    let grace: NodeJS.Timeout | undefined;
    let ended = false;

    child.on("message", (message: RunMessage) => {
      idle.refresh();
      if (child.pid) cpuAtProgress = groupCpuMs(child.pid);
      switch (message.type) {
        case "start":
          runningTest = `${message.file} > ${message.name}`;
          break;
        case "collected":
          result.collected.push(...message.tests);
          break;
        case "result":
          result.results.push(message.test);
          runningTest = undefined;
          break;
        case "module-error":
          result.moduleErrors.push({ file: message.file, errors: message.errors });
          break;
        case "end":
          ended = true;
          result.unhandledErrors.push(...message.unhandledErrors);
          clearTimeout(idle);
          clearInterval(busy);
          grace = setTimeout(killGroup, EXIT_GRACE_MS);
          break;
      }
    });
    child.on("error", (error) => {
      processError = true;
      keep(Buffer.from(String(error)));
    });
    // "exit" can come before the last messages on the IPC channel have been
    // read; "close" comes once every stream of the child, that channel
    // included, is closed: only then is all the run said known. A process the
    // run left behind may hold a stream open: then the exit, shortly after, is enough.
    let finished = false;
    let exitStatus: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    child.on("exit", (code, signal) => {
      exitStatus = { code, signal };
      setTimeout(() => finish(code, signal), CLOSE_GRACE_MS);
    });
    child.on("close", (code, signal) => finish(exitStatus?.code ?? code, exitStatus?.signal ?? signal));
    function finish(code: number | null, signal: NodeJS.Signals | null) {
      if (finished) return;
      finished = true;
      clearTimeout(deadline);
      clearTimeout(idle);
      clearInterval(busy);
      clearTimeout(grace);
      result.end = endOfRun({ processError, stoppedBy, reportedEnd: ended, code, signal, runningTest }, result, limits);
      // Reap any worker the run left behind (e.g. one stuck in a loop).
      killGroup();
      result.durationMs = Date.now() - started;
      // Removed without blocking: the other runs are still being watched.
      // Retried: on Windows a file of a process just ended stays busy for a moment.
      void rm(runDir, { recursive: true, force: true, maxRetries: 5 }).then(
        () => resolve(result),
        () => resolve(result),
      );
    }
  });
}

import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_LIMITS } from "../score.ts";
import type { CollectedTest, RunMessage, TestOutcome } from "./messages.ts";

const require = createRequire(import.meta.url);
const vitestCli = path.join(path.dirname(require.resolve("vitest/package.json")), "vitest.mjs");
const reporter = fileURLToPath(new URL("./ipc-reporter.ts", import.meta.url));

export interface RunOptions {
  /** The pristine exercise: its tests, config and stub `src/`. */
  exerciseDir: string;
  /** Folders laid over the stub's `src/`, first wins (none: the stub itself). */
  srcDirs?: readonly string[];
  /** Wall-clock limit for the whole run; past it the run's process group is killed. */
  timeoutMs?: number;
  /** Wall-clock limit without any progress (a test starting or finishing): a hang. */
  idleMs?: number;
  /** Limit for one test. */
  testTimeoutMs?: number;
}

export interface RunResult {
  collected: CollectedTest[];
  results: TestOutcome[];
  /** Errors that stopped a whole test file (e.g. its import of `src/` threw). */
  moduleErrors: { file: string; errors: string[] }[];
  /** Errors raised outside any test (e.g. an unhandled rejection). */
  unhandledErrors: string[];
  /** Why the run ended early, if it did. */
  aborted?: "timeout" | "idle" | "crash";
  /** The test running when the run was stopped, if any. */
  runningTest?: string;
  /** The last lines vitest printed (for diagnosing a crash). */
  output: string;
  durationMs: number;
}

const OUTPUT_LIMIT = 16_384;
/** How long vitest may take to exit after reporting its end. */
const EXIT_GRACE_MS = 3_000;

/**
 * Runs one exercise's tests in a child vitest, in its own process group, and
 * gathers each test's result as it arrives. The group is killed at the time
 * limit, so an infinite loop in student code ends the run, not the grader.
 */
export function runTests(options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const { exerciseDir, srcDirs = [] } = options;
  const { timeoutMs, idleMs, testTimeoutMs } = { ...DEFAULT_LIMITS, ...options };
  const args = [
    vitestCli,
    "run",
    "--root",
    exerciseDir,
    "--config",
    path.join(exerciseDir, "vitest.config.ts"),
    "--reporter",
    reporter,
    "--pool",
    "forks",
    "--testTimeout",
    String(testTimeoutMs),
    "--hookTimeout",
    String(testTimeoutMs),
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, COURSE_SRC_DIRS: srcDirs.join(path.delimiter), FORCE_COLOR: "0", NO_COLOR: "1" };
  delete env.COURSE_VARIANT;
  delete env.NODE_OPTIONS;

  const result: RunResult = { collected: [], results: [], moduleErrors: [], unhandledErrors: [], output: "", durationMs: 0 };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: exerciseDir,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    const keep = (chunk: Buffer) => {
      result.output = (result.output + chunk.toString()).slice(-OUTPUT_LIMIT);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);

    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    };
    const stop = (why: "timeout" | "idle") => {
      result.aborted ??= why;
      killGroup();
    };
    const deadline = setTimeout(() => stop("timeout"), timeoutMs);
    const idle = setTimeout(() => stop("idle"), idleMs);
    let grace: NodeJS.Timeout | undefined;

    child.on("message", (message: RunMessage) => {
      idle.refresh();
      switch (message.type) {
        case "start":
          result.runningTest = `${message.file} > ${message.name}`;
          break;
        case "collected":
          result.collected.push(...message.tests);
          break;
        case "result":
          result.results.push(message.test);
          result.runningTest = undefined;
          break;
        case "module-error":
          result.moduleErrors.push({ file: message.file, errors: message.errors });
          break;
        case "end":
          result.unhandledErrors.push(...message.unhandledErrors);
          clearTimeout(idle);
          grace = setTimeout(killGroup, EXIT_GRACE_MS);
          break;
      }
    });
    child.on("error", (error) => {
      result.aborted = "crash";
      keep(Buffer.from(String(error)));
    });
    child.on("exit", () => {
      clearTimeout(deadline);
      clearTimeout(idle);
      clearTimeout(grace);
      // Reap any worker the run left behind (e.g. one stuck in a loop).
      killGroup();
      result.durationMs = Date.now() - started;
      resolve(result);
    });
  });
}

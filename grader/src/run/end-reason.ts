// Why a run ended, as data. The runner sets it where it knows it (its
// watchdogs, the child's exit); for a run that reached its end, it is read
// from what vitest reported, here and only here: vitest and the kit say some
// of it only in words (process.exit's message, the kit's tampering marker), so
// the words are matched in this one module, and the scorer (score.ts) reads
// the reason, never vitest's text.
import { TAMPERING } from "@course/testkit/config";
import { MESSAGE_LIMIT } from "../cut.ts";
import type { RunLimits } from "./limits.ts";
import type { CollectedTest, FailureCause, TestOutcome } from "./messages.ts";

/** The test that was running when the run was stopped or crashed ("test/x.test.ts > its name"), when one was. */
interface WhileRunning {
  runningTest?: string;
}

export type EndReason =
  /** Reached its end, and nothing in it keeps it from being graded test by test. */
  | { kind: "completed" }
  /** Stopped by the runner: out of wall-clock time in all (timeout), without progress (idle), computing without progress (busy). */
  | ({ kind: "timeout" | "idle" | "busy"; limitMs: number } & WhileRunning)
  /** Stopped by the runner: its processes held more memory than `limitMb` together. */
  | ({ kind: "memory"; limitMb: number } & WhileRunning)
  /** Its process ended before the run reported its end, not by the runner's hand: `exit` says how ("exited with code 1"). */
  | ({ kind: "crash"; exit?: string } & WhileRunning)
  /** Its process could not be started at all (the run's output says why). */
  | { kind: "not-started" }
  /** A test file could not load: `syntax` when the code under test does not parse. */
  | { kind: "module-error"; file: string; error: string; syntax?: { message: string; at?: string } }
  /** The code under test changed the test tools (the kit's integrity check failed a test). */
  | { kind: "tampering"; test: string }
  /** The code under test called process.exit(): `message` is vitest's. */
  | { kind: "exit"; message: string }
  /** A test did not finish within `limitMs`. */
  | { kind: "test-timeout"; test: string; limitMs: number }
  /** An error escaped every test (an unhandled rejection, a crashed worker). */
  | { kind: "unhandled"; error: string }
  /** The run reached its end without any test reporting a result (the run's output says what it printed). */
  | { kind: "no-tests" };

/** Reasons for which the run was cut short: what it reported is not the whole of it. */
const CUT_SHORT = new Set<EndReason["kind"]>(["timeout", "idle", "busy", "memory", "crash", "not-started"]);

export const wasCutShort = (end: EndReason): boolean => CUT_SHORT.has(end.kind);

/**
 * vitest's worker replaces process.exit with a function that throws this
 * (vitest/dist/chunks/base…js). Anywhere in a message: a test that awaited
 * the code quotes its rejection in its own failure ("answer() rejected: …").
 */
const PROCESS_EXIT = /process\.exit unexpectedly called/;

/**
 * How far into a message a marker is looked for, as far as a report keeps it:
 * code under test chooses its errors' messages, and they may be megabytes.
 */
const SCANNED = MESSAGE_LIMIT;

/**
 * The cause of a test's failure, from its errors as vitest reports them
 * (name and message), when it is one the run cannot be graded through.
 * Tampering first: a test whose tools were changed proves nothing else.
 */
export function failureCause(errors: readonly { name?: string; message?: string }[]): FailureCause | undefined {
  const messages = errors.map((e) => String(e.message ?? "").slice(0, SCANNED));
  if (messages.some((m) => m.includes(TAMPERING))) return "tampering";
  if (messages.some((m) => PROCESS_EXIT.test(m))) return "exit";
  // vitest names its timeout errors (TestTimeoutError, HookTimeoutError); only a test's own counts.
  if (errors.some((e) => e.name === "TestTimeoutError")) return "test-timeout";
  return undefined;
}

/**
 * A module error as a reason: vite's transform reports a file that does not
 * parse as `[PARSE_ERROR] <what>` with its place in brackets
 * (`[ ../../src/x.ts:3:40 ]`), which a student reads as "a syntax error at src/x.ts:3:40: <what>".
 */
export function moduleErrorReason(file: string, error: string): EndReason {
  if (PROCESS_EXIT.test(error.slice(0, SCANNED))) return { kind: "exit", message: error };
  const reason: EndReason = { kind: "module-error", file, error };
  const parse = /\[PARSE_ERROR\]\s*(.+)/.exec(error);
  if (parse) {
    const at = /\[\s*([^\]]+?:\d+:\d+)\s*\]/.exec(error)?.[1]?.replace(/^(\.\.\/)+/, "");
    reason.syntax = at ? { message: parse[1]!.trim(), at } : { message: parse[1]!.trim() };
  }
  return reason;
}

/** What a run reported, as far as its end reason depends on it. */
interface Reported {
  collected?: readonly CollectedTest[];
  results: readonly TestOutcome[];
  moduleErrors: readonly { file: string; errors: readonly string[] }[];
  unhandledErrors: readonly string[];
}

/**
 * Why a run that reached its end (no watchdog stopped it, its process did not
 * crash) cannot be graded test by test, or "completed" when it can. In order:
 * a test file that could not load, tampering, process.exit, a test out of
 * time (`testTimeoutMs`, the run's limit), an error outside every test, no test at all.
 */
export function endOfCompletedRun(run: Reported, testTimeoutMs: number): EndReason {
  const moduleError = run.moduleErrors[0];
  if (moduleError) return moduleErrorReason(moduleError.file, moduleError.errors[0] ?? "");
  const tampered = run.results.find((r) => r.cause === "tampering");
  if (tampered) return { kind: "tampering", test: tampered.name };
  const exited = run.results.find((r) => r.cause === "exit");
  if (exited) return { kind: "exit", message: exited.message ?? "" };
  const timedOut = run.results.find((r) => r.cause === "test-timeout");
  if (timedOut) return { kind: "test-timeout", test: timedOut.name, limitMs: testTimeoutMs };
  const unhandled = run.unhandledErrors[0];
  if (unhandled !== undefined) return { kind: "unhandled", error: unhandled };
  if (run.results.length === 0) return { kind: "no-tests" };
  return { kind: "completed" };
}

/** How a run's process came to an end, as the runner saw it (run-tests.ts). */
export interface RunEnding {
  /** The process could not be started (or signalled): Node's "error" event. */
  processError: boolean;
  /** The limit that stopped the run, if one did. */
  stoppedBy?: "timeout" | "idle" | "busy" | "memory";
  /** The reporter inside the run said it was over. */
  reportedEnd: boolean;
  /** The process's exit code, or the signal that ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The test running at the end, as far as the reporter had said. */
  runningTest?: string;
}

/**
 * Why a run ended: its process failed to start, a limit stopped it (carrying
 * that limit), it crashed (ended before reporting its end, and not by the
 * runner's hand), or else what it reported says (endOfCompletedRun).
 */
export function endOfRun(ending: RunEnding, run: Reported, limits: RunLimits): EndReason {
  const running = ending.runningTest === undefined ? {} : { runningTest: ending.runningTest };
  if (ending.processError) return (run.collected?.length ?? 0) === 0 ? { kind: "not-started" } : { kind: "crash", ...running };
  if (ending.stoppedBy === "memory") return { kind: "memory", limitMb: limits.memoryMb, ...running };
  if (ending.stoppedBy) {
    const limitMs = { timeout: limits.timeoutMs, idle: limits.idleMs, busy: limits.busyMs }[ending.stoppedBy];
    return { kind: ending.stoppedBy, limitMs, ...running };
  }
  if (!ending.reportedEnd) {
    return { kind: "crash", exit: ending.signal ? `was killed (${ending.signal})` : `exited with code ${ending.code}`, ...running };
  }
  return endOfCompletedRun(run, limits.testTimeoutMs);
}

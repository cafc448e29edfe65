// Where in the code under test an error came from. A student whose code
// crashes (`TypeError: items is not iterable`) should be pointed at the line
// of their own src/ that threw, not at the test kit that reported it.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";
import "./src-under-test.ts";

/** One `    at …` line of a stack, with the file it names. */
export interface StackFrame {
  /** The line as the stack has it, e.g. `    at countItems (/…/src/count.ts:7:19)`. */
  line: string;
  /** Absolute path of the file (or `node:internal/…` for Node's own code). */
  file: string;
  /** The function, when the stack names one (`async countItems`, `Semaphore.acquire`…). */
  fn?: string;
  /** `:line:column` after the file. */
  position: string;
}

const FRAME = /^\s*at (?:(.+?) \()?((?:file:\/\/)?\/[^():]*|[A-Za-z]:\\[^():]*|node:[^():]*):(\d+):(\d+)\)?\s*$/;

export function parseStack(stack: string | undefined): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const line of (stack ?? "").split("\n")) {
    const match = FRAME.exec(line);
    if (!match) continue;
    const [, fn, where = "", row, column] = match;
    const file = where.startsWith("file://") ? fileURLToPath(where) : where;
    frames.push({ line, file, fn, position: `:${row}:${column}` });
  }
  return frames;
}

/**
 * The files of the current call stack, innermost first (this function's
 * caller first), without formatting the stack: `new Error().stack` runs every
 * frame through vitest's source maps, which cost more than the rest of a
 * mocked request when it is taken on every `abort()`. Files need no mapping
 * (a module's file is its own name); only line numbers would.
 */
export function stackFiles(): string[] {
  const format = Error.prepareStackTrace;
  const holder: { stack?: unknown } = {};
  try {
    Error.prepareStackTrace = (_error, sites) => sites;
    Error.captureStackTrace(holder, stackFiles);
    // Read while the raw format is in place: V8 formats a stack when it is first read.
    const sites = holder.stack as NodeJS.CallSite[];
    return sites.flatMap((site) => {
      const name = site.getFileName() ?? "";
      const file = name.startsWith("file://") ? fileURLToPath(name) : name;
      // As parseStack: a file on disk or Node's own, not an eval's made-up name.
      return path.isAbsolute(file) || file.startsWith("node:") ? [file] : [];
    });
  } finally {
    Error.prepareStackTrace = format;
  }
}

/** The folders the code under test comes from in this run (the student's `src/`, or a solution's laid over it). */
function codeDirs(): string[] {
  try {
    return [...(inject("courseSrcDirs") ?? [])].map((dir) => path.resolve(dir));
  } catch {
    return [];
  }
}

function inside(dir: string, file: string): string | undefined {
  const rel = path.relative(dir, file);
  return rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? undefined : rel;
}

const kitSrc = path.dirname(fileURLToPath(import.meta.url));

/**
 * The file as a student names it, `src/count.ts`, when it is code under test
 * (undefined otherwise): a file in one of `dirs`, or, when the run names none,
 * in a `src/` folder that is neither the kit's nor a package's.
 */
export function inCode(file: string, dirs: readonly string[] = codeDirs()): string | undefined {
  const parts = file.split(path.sep);
  if (!path.isAbsolute(file) || parts.includes("node_modules") || inside(kitSrc, file) !== undefined) return undefined;
  for (const dir of dirs) {
    const rel = inside(dir, file);
    if (rel !== undefined) return path.posix.join("src", ...rel.split(path.sep));
  }
  if (dirs.length > 0) return undefined;
  const src = parts.lastIndexOf("src");
  return src === -1 ? undefined : path.posix.join(...parts.slice(src));
}

/** The frames of `error`'s stack that lie in the code under test, first (innermost) first. */
function framesInCode(error: unknown, dirs: readonly string[] = codeDirs()): StackFrame[] {
  if (!(error instanceof Error)) return [];
  return parseStack(error.stack).filter((frame) => inCode(frame.file, dirs) !== undefined);
}

/** How many frames of the code under test a message shows: the throw and its callers, not a whole stack. */
const SHOWN = 3;

/**
 * `error`'s stack trimmed to the code under test, as lines for a failure
 * message ("" when none of its frames is there):
 *
 *     Thrown by your code:
 *         src/count.ts:7:19 in countItems
 *
 * (Not written `at …`: the reporter would take those lines for the stack.)
 */
export function whereInCode(error: unknown, dirs: readonly string[] = codeDirs()): string {
  const frames = framesInCode(error, dirs).slice(0, SHOWN);
  if (frames.length === 0) return "";
  const lines = frames.map((frame) => `\n    ${inCode(frame.file, dirs)}${frame.position}${frame.fn ? ` in ${frame.fn}` : ""}`);
  return `\nThrown by your code:${lines.join("")}`;
}

/**
 * Makes `reported` (an error the kit throws to fail a test) point where it
 * should: at the code under test when `cause` was thrown there, so the
 * reporter shows the student's line; otherwise at the test line that called
 * `caller`, never at the kit itself.
 */
export function pointAt(reported: Error, cause: unknown, caller: (...args: never[]) => unknown): Error {
  Error.captureStackTrace(reported, caller);
  const callerFrames = parseStack(reported.stack).map((frame) => frame.line);
  const codeFrames = framesInCode(cause)
    .slice(0, SHOWN)
    .map((frame) => frame.line);
  reported.stack = [`${reported.name}: ${reported.message}`, ...codeFrames, ...callerFrames].join("\n");
  return reported;
}

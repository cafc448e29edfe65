// What a demo says about an error: a stub's TODO is "not written yet", a
// crash names the student's line, anything else is its name and message. No
// stack traces: a demo is read by a student, not by a debugger.
import path from "node:path";
import { fileURLToPath } from "node:url";

/** A stub's error: `new Error("TODO: implement fetchJson in src/fetch-json.ts")`. */
export interface NotWritten {
  /** What is missing, as the stub names it: "fetchJson", "the AsyncQueue constructor". */
  what: string;
  /** The file to write it in: "src/fetch-json.ts". */
  file: string;
}

const TODO = /TODO: implement (.+?) in (src\/[\w./-]+\.ts)/;

/** The stub behind `error`, when it is a stub's TODO (also inside another error's message, e.g. from a worker). */
export function notWrittenYet(error: unknown): NotWritten | undefined {
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : undefined;
  const match = message === undefined ? null : TODO.exec(message);
  return match ? { what: match[1]!, file: match[2]! } : undefined;
}

/** The errors a bug throws, rather than a function saying no: these are shown with the line that threw. */
const CRASHES = new Set(["TypeError", "ReferenceError", "SyntaxError"]);

const FRAME = /\(?((?:file:\/\/)?(?:\/|[A-Za-z]:[\\/])[^():]*?\.ts):(\d+):(\d+)\)?\s*$/;

/**
 * Where in the student's code `error` was thrown, as "src/fetch-json.ts:7:19"
 * (undefined when no frame of its stack is in a `src/` folder outside
 * node_modules and outside this kit).
 */
export function whereInSrc(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const kit = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  for (const line of (error.stack ?? "").split("\n").slice(1)) {
    const match = FRAME.exec(line.trim());
    if (!match) continue;
    const file = match[1]!.startsWith("file://") ? fileURLToPath(match[1]!) : match[1]!;
    const parts = file.split(/[\\/]/);
    const src = parts.lastIndexOf("src");
    if (src === -1 || parts.includes("node_modules") || !path.relative(kit, file).startsWith("..")) continue;
    return `${parts.slice(src).join("/")}:${match[2]}:${match[3]}`;
  }
  return undefined;
}

/** One line (or two, for a crash in the student's code) saying what `reason` is. */
export function describeError(reason: unknown): string {
  if (!(reason instanceof Error)) {
    let text: string;
    try {
      text = typeof reason === "string" ? JSON.stringify(reason) : String(reason);
    } catch {
      text = Object.prototype.toString.call(reason);
    }
    return `${text} (not an Error)`;
  }
  const firstLine = reason.message.split("\n")[0] ?? "";
  let text = firstLine ? `${reason.name}: ${firstLine}` : reason.name;
  const cause = reason.cause instanceof Error ? reason.cause : undefined;
  if (cause && reason.message === "fetch failed") text += ` (${cause.message.split("\n")[0]})`;
  const where = CRASHES.has(reason.name) && reason.message !== "fetch failed" ? whereInSrc(reason) : undefined;
  return where ? `${text}\n      thrown at ${where}` : text;
}

/** "src/fetch-json.ts:3" for a file in a `src/` folder (undefined elsewhere). */
function srcPath(file: string): string | undefined {
  const parts = (file.startsWith("file://") ? fileURLToPath(file) : file).split(/[\\/]/);
  const src = parts.lastIndexOf("src");
  return src === -1 || parts.includes("node_modules") ? undefined : parts.slice(src).join("/");
}

/**
 * What to say when the student's code could not even be loaded (a syntax
 * error, TypeScript that Node cannot strip, an import of a missing file):
 * one or two lines naming the file, never the loader's stack. Undefined for
 * any other error.
 */
export function loadFailure(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  const firstLine = /^((?:file:\/\/)?(?:\/|[A-Za-z]:[\\/]).*?\.ts):(\d+)$/.exec((error.stack ?? "").split("\n")[0] ?? "");
  const where = firstLine ? srcPath(firstLine[1]!) : undefined;
  const message = error.message.split("\n")[0] ?? "";
  if (code === "ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX") {
    return (
      `Your code could not be loaded: ${where ? `${where}:${firstLine![2]}` : "a file of src/"} uses TypeScript that Node cannot run by stripping the types (${message}).\n` +
      "The demo runs your code with Node itself, which takes only erasable TypeScript: a union of strings instead of an enum, plain fields instead of parameter properties."
    );
  }
  if (code === "ERR_INVALID_TYPESCRIPT_SYNTAX" || (error.name === "SyntaxError" && where)) {
    return `Your code could not be loaded: a syntax error${where ? ` at ${where}:${firstLine![2]}` : ""}: ${message}`;
  }
  if (code === "ERR_MODULE_NOT_FOUND" && / imported from /.test(message)) {
    const [, missing = "", importer = ""] = /Cannot find (?:module|package) '([^']+)' imported from (.+)$/.exec(message) ?? [];
    const from = srcPath(importer);
    if (from) return `Your code could not be loaded: ${from} imports ${srcPath(missing) ?? missing}, which does not exist.`;
  }
  return undefined;
}

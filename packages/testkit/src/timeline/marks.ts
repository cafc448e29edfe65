// The moments something called `abort()`, so a timeline can show them: a
// request cut off at 1500ms means more next to "the caller aborted at 1500ms".
import path from "node:path";
import { fileURLToPath } from "node:url";
import { now } from "../clock/now.ts";
import { inCode, stackFiles } from "../code-frames.ts";
import { nextSeq } from "./spans.ts";

/** Who called `abort()`: the test (standing in for the caller) or the code under test. */
export type AbortedBy = "caller" | "code";

/** One `abort()` call on the virtual clock. */
export interface Mark {
  at: number;
  seq: number;
  by: AbortedBy;
}

const marks: Mark[] = [];

/** The `abort()` calls of the current test so far, in order. */
export function abortMarks(): readonly Mark[] {
  return marks;
}

/** Forgets the marks of the previous test. */
export function clearMarks(): void {
  marks.length = 0;
}

const kitDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const isTest = (file: string) => file.split(path.sep).includes("test");

/**
 * Whose `abort()` this is, from the stack: the first frame outside the kit
 * decides. Aborts from inside libraries (msw, undici) and from the kit's own
 * `AbortSignal.timeout` are nobody's: they are not drawn.
 */
function caller(): AbortedBy | undefined {
  for (const file of stackFiles()) {
    if (!path.relative(kitDir, file).startsWith("..")) continue;
    if (inCode(file) !== undefined) return "code";
    // Node's own code or a library's: an abort the caller's abort set off, or a library's business.
    if (file.startsWith("node:") || file.split(path.sep).includes("node_modules")) return undefined;
    if (isTest(file)) return "caller";
    return undefined;
  }
  return undefined;
}

const originalAbort = AbortController.prototype.abort;
let installed = false;

/** Records every `abort()` the test or the code under test makes, with its virtual time. */
export function installAbortMarks(): void {
  if (installed) return;
  installed = true;
  AbortController.prototype.abort = function abort(this: AbortController, reason?: unknown): void {
    if (!this.signal.aborted) {
      const by = caller();
      if (by) marks.push({ at: now(), seq: nextSeq(), by });
    }
    originalAbort.call(this, reason);
  };
}

export function uninstallAbortMarks(): void {
  if (!installed) return;
  installed = false;
  AbortController.prototype.abort = originalAbort;
}

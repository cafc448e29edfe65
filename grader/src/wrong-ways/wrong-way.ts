// A wrong way is a patch: `solutions/NN-slug/wrong/<name>.patch`, a unified
// diff against the reference `src/` whose header (the text before the first
// file header) says what is wrong and why a student might write it. Kept as a
// diff, the mistake is what a reader sees, and a fix to the reference reaches
// every wrong way that does not touch the fixed lines.
import { readFileSync } from "node:fs";
import path from "node:path";
import { applyPatch, formatPatch, FILE_HEADERS_ONLY, parsePatch, structuredPatch, type StructuredPatch } from "diff";

/** Lines of unchanged context around each change, as `diff -u` and git write them. */
const CONTEXT = 3;

/** Where the diff starts: a file header, or the lines git writes before one. */
const DIFF_START = /^(?:--- |diff --git |Index: )/;

export interface WrongWay {
  /** The patch's name without `.patch`, e.g. "lifo-waiters". */
  name: string;
  /** The patch file. */
  file: string;
  /** What is wrong and why a student might write it (the header, as written). */
  why: string;
  /** One entry per file it changes, paths relative to the reference `src/`. */
  changes: FileChange[];
}

interface FileChange {
  /** Relative to the reference `src/`, e.g. "semaphore.ts". */
  file: string;
  patch: StructuredPatch;
}

/** A patch that no longer fits the reference: names the patch, the file and the hunk. */
export class PatchError extends Error {
  override name = "PatchError";
}

/** `a/semaphore.ts` → `semaphore.ts`: paths in a patch carry git's a/ and b/ prefixes. */
function srcRelative(name: string | undefined, patchFile: string): string {
  if (!name || name === "/dev/null")
    throw new PatchError(`${patchFile}: a wrong way changes existing files of the reference; it cannot add or delete one`);
  const file = name.replace(/^[ab]\//, "");
  if (path.isAbsolute(file) || path.normalize(file).startsWith("..")) throw new PatchError(`${patchFile}: ${name} is outside the reference's src/`);
  return path.normalize(file);
}

/** Reads a wrong way's patch file. */
export function readWrongWay(file: string): WrongWay {
  return parseWrongWay(readFileSync(file, "utf8"), file);
}

/** A wrong way from its patch text (`file` names it in messages and gives its name). */
export function parseWrongWay(text: string, file: string): WrongWay {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => DIFF_START.test(line));
  const shown = path.join(path.basename(path.dirname(file)), path.basename(file));
  if (start === -1) throw new PatchError(`${shown} holds no diff (no "--- a/<file>" line)`);
  const why = lines.slice(0, start).join("\n").trim();
  if (!why) throw new PatchError(`${shown} has no header: say what is wrong and why a student might write it, above the diff`);
  const changes = parsePatch(lines.slice(start).join("\n"))
    .filter((patch) => patch.hunks.length > 0)
    .map((patch) => {
      if (patch.oldFileName === "/dev/null" || patch.newFileName === "/dev/null") srcRelative("/dev/null", shown);
      return { file: srcRelative(patch.newFileName ?? patch.oldFileName, shown), patch };
    });
  if (changes.length === 0) throw new PatchError(`${shown} changes nothing`);
  return { name: path.basename(file, ".patch"), file, why, changes };
}

/** The text of one patch file: the header, then a diff per changed file. */
export function formatWrongWay(why: string, files: { file: string; before: string; after: string }[]): string {
  const patches = files
    .filter(({ before, after }) => before !== after)
    .map(({ file, before, after }) => {
      const name = file.split(path.sep).join("/");
      return structuredPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: CONTEXT });
    });
  return `${why.trim()}\n${formatPatch(patches, FILE_HEADERS_ONLY)}${"\n"}`.replace(/\n+$/, "\n");
}

const hunkHeader = (hunk: StructuredPatch["hunks"][number]) => `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`;

/** The first line a hunk takes away or, for a pure addition, the line it adds. */
const hunkGist = (hunk: StructuredPatch["hunks"][number]) =>
  (hunk.lines.find((l) => l.startsWith("-")) ?? hunk.lines.find((l) => l.startsWith("+")) ?? "").slice(1).trim();

/**
 * Applies a wrong way to the reference, file by file (`readReference` gives a
 * reference file's text), and returns the changed files' new text. Hunks must
 * match their context exactly (they may have moved up or down): a patch that no
 * longer fits throws a PatchError naming the hunk.
 */
export function applyWrongWay(wrongWay: WrongWay, readReference: (file: string) => string, fuzzFactor = 0): Map<string, string> {
  const shown = `wrong/${wrongWay.name}.patch`;
  const result = new Map<string, string>();
  for (const { file, patch } of wrongWay.changes) {
    let before: string;
    try {
      before = readReference(file);
    } catch {
      throw new PatchError(`${shown} changes ${file}, which the reference does not have`);
    }
    const after = applyPatch(before, patch, { fuzzFactor });
    if (after === false) {
      // Hunks apply in order: the first prefix of them that fails names the culprit.
      const culprit = patch.hunks.findIndex((_, i) => applyPatch(before, { ...patch, hunks: patch.hunks.slice(0, i + 1) }, { fuzzFactor }) === false);
      const hunk = patch.hunks[culprit]!;
      throw new PatchError(
        `${shown} no longer applies to the reference: hunk ${culprit + 1} of ${file} (${hunkHeader(hunk)}, at "${hunkGist(hunk)}") ` +
          `does not match it. Run \`npm run wrong-ways -- refresh\` to move the patch's context, or make the wrong way again.`,
      );
    }
    result.set(file, after);
  }
  return result;
}

/**
 * A first sentence shorter than this often says what the code does, not what
 * goes wrong ("Wrong: a timeout by Promise.race against a timer."): the next
 * sentence is added.
 */
const SHORT_SENTENCE = 80;

/** The sentences of a text: each ends at `.`, `!` or `?` before a space or the end, outside brackets, quotes and code. */
function sentences(text: string): string[] {
  const found: string[] = [];
  const open: string[] = [];
  const closing: Record<string, string> = { "(": ")", "[": "]", "`": "`", '"': '"', "“": "”" };
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (open.length > 0 && char === open.at(-1)) open.pop();
    else if (char in closing && !(char === '"' && open.at(-1) === "`")) open.push(closing[char]!);
    else if (open.length === 0 && /[.!?]/.test(char) && (i + 1 === text.length || text[i + 1] === " ")) {
      found.push(text.slice(start, i + 1).trim());
      start = i + 1;
    }
  }
  const rest = text.slice(start).trim();
  if (rest) found.push(rest);
  return found;
}

/**
 * What a wrong way's header says, in one line, for a student whose failures
 * match it: its first sentence (two, when the first is short), without the
 * `Wrong:` label, as written (it may start with a name: `fn()`, `withPermit`).
 * A header written as several `Wrong:` lines reads as one text.
 */
export function oneLineWhy(why: string): string {
  const text = why
    .split("\n")
    .map((line) => line.trim().replace(/^Wrong:\s*/, ""))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  const [first = "", second] = sentences(text);
  return first.length < SHORT_SENTENCE && second ? `${first} ${second}` : first;
}

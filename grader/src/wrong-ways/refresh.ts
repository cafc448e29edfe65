import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { StructuredPatch } from "diff";
import { listVariants, solutionDir } from "../exercises.ts";
import { wrongWayFile } from "./materialize.ts";
import { formatWrongWay, PatchError, readWrongWay, type WrongWay } from "./wrong-way.ts";

type Hunk = StructuredPatch["hunks"][number];

/** A hunk's core: from the first to the last line it changes (old side and new side). */
interface Core {
  old: string[];
  new: string[];
  /** Where the core's old side starts within the hunk's old side. */
  offset: number;
}

function coreOf(hunk: Hunk): Core {
  const lines = hunk.lines.filter((l) => !l.startsWith("\\"));
  const changed = lines.flatMap((l, i) => (l.startsWith("-") || l.startsWith("+") ? [i] : []));
  let from = changed[0]!;
  let to = changed.at(-1)!;
  // A pure addition is pinned down by the lines either side of it.
  if (!lines.slice(from, to + 1).some((l) => l.startsWith("-"))) {
    from = Math.max(0, from - 1);
    to = Math.min(lines.length - 1, to + 1);
  }
  const core = lines.slice(from, to + 1);
  return {
    old: core.filter((l) => !l.startsWith("+")).map((l) => l.slice(1)),
    new: core.filter((l) => !l.startsWith("-")).map((l) => l.slice(1)),
    offset: lines.slice(0, from).filter((l) => !l.startsWith("+")).length,
  };
}

/** The hunk's old side stands exactly where its header says. */
function fitsInPlace(lines: readonly string[], hunk: Hunk): boolean {
  const old = hunk.lines.filter((l) => !l.startsWith("+") && !l.startsWith("\\")).map((l) => l.slice(1));
  const at = Math.max(0, hunk.oldStart - 1);
  return old.every((line, j) => lines[at + j] === line);
}

function positionsOf(haystack: readonly string[], needle: readonly string[]): number[] {
  const found: number[] = [];
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((line, j) => haystack[i + j] === line)) found.push(i);
  }
  return found;
}

interface RefreshResult {
  wrongWay: string;
  outcome: "unchanged" | "refreshed" | "failed";
  detail?: string;
}

/**
 * A wrong way's patch text rewritten against the reference as it is now: fresh
 * line numbers and context. A hunk that no longer stands where its header says
 * is moved only when the lines it changes stand exactly once in the reference
 * (unambiguous: context lines may have changed around them); anything else is
 * left for a person (an error naming the hunk).
 */
export function refreshPatch(wrongWay: WrongWay, reference: (file: string) => string): string {
  const files = wrongWay.changes.map(({ file, patch }) => {
    let before: string;
    try {
      before = reference(file);
    } catch {
      throw new PatchError(`the reference has no ${file}`);
    }
    const lines = before.split("\n");
    const edits = patch.hunks.map((hunk, i) => {
      const core = coreOf(hunk);
      if (fitsInPlace(lines, hunk)) return { at: Math.max(0, hunk.oldStart - 1) + core.offset, core };
      const found = positionsOf(lines, core.old);
      if (found.length !== 1) {
        const why =
          found.length === 0
            ? "the lines it changes are no longer in the reference"
            : `the lines it changes stand ${found.length} times in the reference`;
        throw new PatchError(`hunk ${i + 1} of ${file}: ${why}; make the wrong way again`);
      }
      return { at: found[0]!, core };
    });
    // Bottom up, so that each edit leaves the places of the ones above it alone.
    const after = [...lines];
    let floor = Infinity;
    for (const { at, core } of [...edits].sort((a, b) => b.at - a.at)) {
      if (at + core.old.length > floor) throw new PatchError(`two hunks of ${file} now change the same lines; make the wrong way again`);
      after.splice(at, core.old.length, ...core.new);
      floor = at;
    }
    return { file, before, after: after.join("\n") };
  });
  return formatWrongWay(wrongWay.why, files);
}

/** Refreshes one wrong way's patch file in place. */
function refreshWrongWay(id: string, name: string): RefreshResult {
  const wrongWay = `${id}/wrong/${name}.patch`;
  const file = wrongWayFile(id, name);
  const reference = (rel: string) => readFileSync(path.join(solutionDir(id), "src", rel), "utf8");
  let text: string;
  try {
    text = refreshPatch(readWrongWay(file), reference);
  } catch (error) {
    return { wrongWay, outcome: "failed", detail: error instanceof PatchError ? error.message : String(error) };
  }
  if (text === readFileSync(file, "utf8")) return { wrongWay, outcome: "unchanged" };
  writeFileSync(file, text);
  return { wrongWay, outcome: "refreshed" };
}

/** Refreshes every wrong way of the exercises named. */
export function refreshAll(ids: readonly string[]): RefreshResult[] {
  return ids.flatMap((id) => listVariants(id, "wrong").map((name) => refreshWrongWay(id, name)));
}

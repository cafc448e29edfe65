// Formats a reference `src/` with the formatter (oxfmt) and keeps every wrong way's mistake:
// a wrong way is a diff against the reference, so reformatting the reference
// alone would leave its patches matching nothing. Each wrong way is laid onto
// the reference as it is, both are formatted the same way, and the patch is
// written again between the two, under the same header.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { courseRoot, listVariants, solutionDir } from "../exercises.ts";
import { wrongWayFile } from "./materialize.ts";
import { applyWrongWay, formatWrongWay, parseWrongWay, PatchError, readWrongWay, type WrongWay } from "./wrong-way.ts";
import { filesUnder } from "../files-under.ts";

interface FormatResult {
  /** "05-semaphore/src/semaphore.ts" or "05-semaphore/wrong/lifo-waiters.patch". */
  file: string;
  outcome: "unchanged" | "formatted";
}

const oxfmtBin = path.join(path.dirname(createRequire(import.meta.url).resolve("oxfmt/package.json")), "bin", "oxfmt");

/**
 * The text as the formatter writes it, as if it were `file`: its own CLI, so
 * that its options for that file (.oxfmtrc.jsonc, its overrides,
 * .editorconfig) are found exactly as `npm run lint` checks them. Throws,
 * naming the file, what the formatter cannot format.
 */
async function formatted(text: string, file: string): Promise<string> {
  try {
    return execFileSync(process.execPath, [oxfmtBin, "--stdin-filepath", file], { cwd: courseRoot, input: text, encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    const said = String((error as { stderr?: unknown }).stderr ?? "").trim() || String(error);
    throw new Error(`the formatter could not format ${path.relative(courseRoot, file)}:\n${said}`, { cause: error });
  }
}

/**
 * The reference's files formatted by `format`, and each wrong way's patch
 * written again between the formatted reference and its own edit, formatted
 * the same way. Throws when a wrong way does not apply to the reference, or
 * when formatting would erase its mistake.
 */
export async function formatWithWrongWays(
  reference: ReadonlyMap<string, string>,
  wrongWays: readonly WrongWay[],
  format: (text: string, file: string) => Promise<string>,
): Promise<{ reference: Map<string, string>; patches: Map<WrongWay, string> }> {
  const read = (rel: string) => {
    const text = reference.get(rel);
    if (text === undefined) throw new PatchError(`the reference has no ${rel}`);
    return text;
  };
  const formattedReference = new Map<string, string>();
  for (const [rel, text] of reference) formattedReference.set(rel, await format(text, rel));
  const patches = new Map<WrongWay, string>();
  for (const wrongWay of wrongWays) {
    const edit = [];
    for (const [rel, text] of applyWrongWay(wrongWay, read))
      edit.push({ file: rel, before: formattedReference.get(rel)!, after: await format(text, rel) });
    if (edit.every(({ before, after }) => before === after))
      throw new PatchError(`wrong/${wrongWay.name}.patch: formatted, it would no longer change anything; nothing was written`);
    const patch = formatWrongWay(wrongWay.why, edit);
    // The mistake must survive the formatting: the new patch replays the formatted edit onto the formatted reference.
    const replayed = applyWrongWay(parseWrongWay(patch, wrongWay.file), (rel) => formattedReference.get(rel)!);
    if (edit.some(({ file: rel, after }) => replayed.get(rel) !== after))
      throw new PatchError(`wrong/${wrongWay.name}.patch: formatted, it no longer replays its own edit; nothing was written`);
    patches.set(wrongWay, patch);
  }
  return { reference: formattedReference, patches };
}

/** Formats one exercise's reference `src/` and every wrong way's patch with it, on disk (see formatWithWrongWays). */
export async function formatReference(id: string): Promise<FormatResult[]> {
  const src = path.join(solutionDir(id), "src");
  const before = new Map(filesUnder(src).map((rel) => [rel, readFileSync(path.join(src, rel), "utf8")]));
  const wrongWays = listVariants(id, "wrong").map((name) => readWrongWay(wrongWayFile(id, name)));
  const after = await formatWithWrongWays(before, wrongWays, (text, rel) => formatted(text, path.join(src, rel)));

  const results: FormatResult[] = [];
  const write = (file: string, shown: string, text: string) => {
    const changed = text !== readFileSync(file, "utf8");
    if (changed) writeFileSync(file, text);
    results.push({ file: shown, outcome: changed ? "formatted" : "unchanged" });
  };
  for (const [rel, text] of after.reference) write(path.join(src, rel), `${id}/src/${rel.split(path.sep).join("/")}`, text);
  for (const [wrongWay, text] of after.patches) write(wrongWay.file, `${id}/wrong/${wrongWay.name}.patch`, text);
  return results;
}

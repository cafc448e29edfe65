// npm run wrong-ways -- COMMAND: keep the known-wrong ways (solutions/NN-slug/wrong/*.patch).
//   save ID NAME [--why TEXT]  the reference's uncommitted edit becomes wrong/NAME.patch; the reference is put back
//   edit ID NAME               lays wrong/NAME.patch onto the reference, to change it and save it again
//   refresh [ID…]              rewrites every patch against the reference as it is now, where that is unambiguous
//   list [ID…]                 every wrong way, with what it says is wrong
//   format [ID…]               formats the reference (oxfmt), and every patch with it (npm run format runs it)
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { courseRoot, listExercises, listVariants, solutionDir } from "../exercises.ts";
import { UsageError } from "../grade/usage-error.ts";
import { wrongWayFile } from "./materialize.ts";
import { formatReference } from "./format.ts";
import { refreshAll } from "./refresh.ts";
import { applyWrongWay, formatWrongWay, readWrongWay } from "./wrong-way.ts";

const USAGE = `usage: npm run wrong-ways -- save ID NAME [--why "Wrong: …"] | edit ID NAME | refresh [ID…] | list [ID…] | format [ID…]
  save     the uncommitted edit of solutions/ID/src becomes solutions/ID/wrong/NAME.patch, and the reference is put back
  edit     lays solutions/ID/wrong/NAME.patch onto the reference, to change it and save it again
  refresh  rewrites the patches against the reference as it is now (context and line numbers), where that is unambiguous
  list     every wrong way and what it says is wrong
  format   formats the reference (oxfmt) and writes every patch again against it, the same mistake under the same header
`;

const git = (...args: string[]) => execFileSync("git", args, { cwd: courseRoot, encoding: "utf8" });

function exercise(id: string | undefined): string {
  if (!id) throw new UsageError("name the exercise, e.g. 05-semaphore");
  if (!listExercises().includes(id)) throw new UsageError(`no such exercise: ${id}`);
  return id;
}

function wrongWayName(name: string | undefined): string {
  if (!name || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name))
    throw new UsageError(`name the wrong way by what it does, in kebab-case, e.g. lifo-waiters (got ${name ?? "nothing"})`);
  return name;
}

const srcOf = (id: string) => path.join(solutionDir(id), "src");
const repoPath = (file: string) => path.relative(courseRoot, file).split(path.sep).join("/");

/** The reference's files that differ from the last commit, with both texts. */
function uncommittedEdit(id: string): { file: string; before: string; after: string }[] {
  const src = srcOf(id);
  const untracked = git("ls-files", "--others", "--exclude-standard", "--", repoPath(src)).trim();
  if (untracked) throw new UsageError(`a wrong way changes the reference's files; it cannot add one: ${untracked.split("\n").join(", ")}`);
  return git("diff", "--name-only", "HEAD", "--", repoPath(src))
    .split("\n")
    .filter(Boolean)
    .map((file) => ({
      file: path.relative(src, path.join(courseRoot, file)),
      before: git("show", `HEAD:${file}`),
      after: readFileSync(path.join(courseRoot, file), "utf8"),
    }));
}

function save(id: string, name: string, why: string | undefined): string {
  const edit = uncommittedEdit(id);
  if (edit.length === 0) throw new UsageError(`solutions/${id}/src has no uncommitted change: first edit the reference to make the mistake`);
  const file = wrongWayFile(id, name);
  const header = why ?? (existsSync(file) ? readWrongWay(file).why : undefined);
  if (!header) throw new UsageError(`say what is wrong and why a student might write it: --why "Wrong: …"`);
  const text = formatWrongWay(header, edit);
  writeFileSync(file, text);
  // Put the reference back as committed, then prove the patch reproduces the edit.
  for (const { file: rel, before } of edit) writeFileSync(path.join(srcOf(id), rel), before);
  const replayed = applyWrongWay(readWrongWay(file), (rel) => readFileSync(path.join(srcOf(id), rel), "utf8"));
  for (const { file: rel, after } of edit) {
    if (replayed.get(rel) !== after)
      throw new Error(`wrong/${name}.patch does not reproduce the edit of ${rel}; the edit is kept in the patch, check it by hand`);
  }
  return (
    `saved solutions/${id}/wrong/${name}.patch (${edit.map((e) => e.file).join(", ")}); the reference is back as committed.\n` +
    `See which tests catch it: npm run check -- --force ${id}   (or: cd solutions/${id} && COURSE_VARIANT=${name} npx vitest run)\n`
  );
}

function edit(id: string, name: string): string {
  const file = wrongWayFile(id, name);
  if (!existsSync(file)) throw new UsageError(`no wrong way solutions/${id}/wrong/${name}.patch`);
  if (uncommittedEdit(id).length > 0) throw new UsageError(`solutions/${id}/src has uncommitted changes: commit or undo them first`);
  const changed = applyWrongWay(readWrongWay(file), (rel) => readFileSync(path.join(srcOf(id), rel), "utf8"));
  for (const [rel, text] of changed) writeFileSync(path.join(srcOf(id), rel), text);
  return (
    `wrong/${name}.patch is laid onto solutions/${id}/src (${[...changed.keys()].join(", ")}). Change it, then:\n` +
    `  npm run wrong-ways -- save ${id} ${name}\n`
  );
}

function list(ids: readonly string[]): string {
  return ids
    .map((id) => {
      const lines = listVariants(id, "wrong").map((name) => {
        const why = readWrongWay(wrongWayFile(id, name)).why.replace(/\s+/g, " ");
        return `  ${name}: ${why}`;
      });
      return `${id}\n${lines.join("\n") || "  (none)"}`;
    })
    .join("\n")
    .concat("\n");
}

function refresh(ids: readonly string[]): { text: string; ok: boolean } {
  const results = refreshAll(ids);
  const lines = results
    .filter((r) => r.outcome !== "unchanged")
    .map((r) => `  ${r.outcome === "failed" ? "FAIL" : "ok  "}  ${r.wrongWay}${r.detail ? `: ${r.detail}` : " refreshed"}`);
  const counts = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
  const summary = `${results.length} wrong ways: ${counts("refreshed")} refreshed, ${counts("unchanged")} already fit, ${counts("failed")} need a person`;
  return { text: `${[...lines, summary].join("\n")}\n`, ok: counts("failed") === 0 };
}

async function format(ids: readonly string[]): Promise<string> {
  const results = [];
  for (const id of ids) results.push(...(await formatReference(id)));
  const lines = results.filter((r) => r.outcome === "formatted").map((r) => `  ${r.file}`);
  return `${[...lines, `${results.length} files: ${lines.length} formatted, ${results.length - lines.length} already formatted`].join("\n")}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const whyAt = rest.indexOf("--why");
  const why = whyAt === -1 ? undefined : rest.splice(whyAt, 2)[1];
  if (whyAt !== -1 && why === undefined) throw new UsageError("--why needs the text");
  const ids = () => {
    for (const id of rest) exercise(id);
    return rest.length > 0
      ? rest
      : listExercises().filter(
          (id) => existsSync(path.join(solutionDir(id), "wrong")) && readdirSync(path.join(solutionDir(id), "wrong")).length > 0,
        );
  };
  switch (command) {
    case "save":
      process.stdout.write(save(exercise(rest[0]), wrongWayName(rest[1]), why));
      return 0;
    case "edit":
      process.stdout.write(edit(exercise(rest[0]), wrongWayName(rest[1])));
      return 0;
    case "list":
      process.stdout.write(list(ids()));
      return 0;
    case "format":
      process.stdout.write(await format(ids()));
      return 0;
    case "refresh": {
      const { text, ok } = refresh(ids());
      process.stdout.write(text);
      return ok ? 0 : 1;
    }
    case undefined:
    case "--help":
    case "help":
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command ${command}\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`wrong-ways: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);

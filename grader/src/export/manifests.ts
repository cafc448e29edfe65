// The package.json files a student's repository gets, written from ours: the
// root (their workspaces, `npm test` and `npm run grade`, and only the tools
// their packages use), the grader (only the command they run), the shared
// packages (without the scripts that run their own tests).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { packagesImportedBy } from "./specifiers.ts";

interface Manifest {
  name: string;
  version?: string;
  description?: string;
  scripts?: Record<string, string>;
  bin?: Record<string, string>;
  exports?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

export const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest;

const STUDENT_WORKSPACES = ["packages/*", "exercises/*", "grader"];

/**
 * A student's `npm test` at the root: every exercise once, in one vitest whose
 * projects are the exercises (see student-files/vitest.config.ts), so the
 * output ends with one summary. `npm run grade`: the same command as ours.
 * `npm start` (`npm run course`): the course runner, as ours (its package,
 * packages/course-runner, is exported with the other shared packages).
 */
function studentScripts(ours: Manifest): Record<string, string> {
  const grade = ours.scripts?.grade;
  if (grade === undefined) throw new Error("the course's package.json has no grade script");
  const scripts: Record<string, string> = { test: "node scripts/vitest.cjs run", grade };
  for (const name of ["start", "course"]) if (ours.scripts?.[name] !== undefined) scripts[name] = ours.scripts[name];
  return scripts;
}

const pick = (from: Record<string, string> | undefined, names: Iterable<string>) => {
  const picked: Record<string, string> = {};
  for (const name of [...names].sort()) if (from?.[name] !== undefined) picked[name] = from[name];
  return picked;
};

/** An exported source file, and the packages its own package.json declares (those need nothing from the root). */
export interface SourceFile {
  text: string;
  declares: ReadonlySet<string>;
}

/**
 * The tools the exported files need from our root devDependencies: the
 * packages they import and their own package does not declare, the ones whose
 * commands their scripts run (`tsc` is typescript's), and the type packages
 * the shared tsconfig names.
 */
export function neededTools(
  courseRoot: string,
  ours: Manifest,
  sources: readonly SourceFile[],
  scripts: Iterable<string>,
  tsconfigTypes: readonly string[],
): Record<string, string> {
  const needed = new Set<string>();
  for (const { text, declares } of sources) for (const name of packagesImportedBy([text])) if (!declares.has(name)) needed.add(name);
  const commands = new Set<string>();
  for (const script of scripts) for (const part of script.split(/&&|\|\||;/)) commands.add(part.trim().split(/\s+/)[0]!);
  for (const name of Object.keys(ours.devDependencies ?? {})) {
    const installed = path.join(courseRoot, "node_modules", name);
    if (!existsSync(path.join(installed, "package.json"))) continue;
    const { bin } = readManifest(installed) as { bin?: string | Record<string, string> };
    const bins = typeof bin === "string" ? [name.split("/").pop()!] : Object.keys(bin ?? {});
    if (bins.some((command) => commands.has(command))) needed.add(name);
  }
  for (const type of tsconfigTypes) needed.add(`@types/${type}`);
  return pick(ours.devDependencies, needed);
}

/** The student repository's root package.json. */
export function studentRootManifest(ours: Manifest, version: string, devDependencies: Record<string, string>): Manifest {
  const manifest: Manifest = {
    name: ours.name,
    version,
    private: true,
    description: ours.description,
    type: "module",
    engines: ours.engines,
    workspaces: STUDENT_WORKSPACES,
    scripts: studentScripts(ours),
    devDependencies,
  };
  return JSON.parse(JSON.stringify(manifest)) as Manifest;
}

/**
 * The grader's package.json for students: the bins and exports whose files
 * were exported, the dependencies those files import, no scripts (they run the
 * grader's own tests and typecheck) and no devDependencies (its tests' tools).
 */
export function studentGraderManifest(ours: Manifest, exported: ReadonlySet<string>, imported: readonly string[]): Manifest {
  const present = (entries: Record<string, string> | undefined) =>
    Object.fromEntries(Object.entries(entries ?? {}).filter(([, file]) => exported.has(path.posix.normalize(file))));
  const { scripts: _scripts, devDependencies: _dev, bin, exports, dependencies, ...rest } = ours;
  const manifest: Manifest = {
    ...rest,
    description: "Grades your exercises: runs each one's own tests against your src/ and scores them by the points the tests declare.",
    bin: present(bin),
    exports: present(exports),
    dependencies: pick(dependencies, imported),
  };
  if (Object.keys(manifest.exports ?? {}).length === 0) delete manifest.exports;
  return manifest;
}

/** A shared package (the test kit) for students: the same, less the scripts that run its own tests. */
export function studentPackageManifest(ours: Manifest): Manifest {
  const scripts = Object.fromEntries(Object.entries(ours.scripts ?? {}).filter(([, command]) => !/\bvitest\b/.test(command)));
  const { devDependencies: _dev, ...rest } = ours;
  return { ...rest, scripts };
}

/** A package's tsconfig.json, including only what was exported (its tests stayed behind). */
export function trimTsconfig(tsconfig: { include?: string[]; exclude?: string[] }, exists: (rel: string) => boolean) {
  const trimmed = { ...tsconfig };
  if (trimmed.include) trimmed.include = trimmed.include.filter(exists);
  if (trimmed.exclude) trimmed.exclude = trimmed.exclude.filter(exists);
  if (trimmed.exclude?.length === 0) delete trimmed.exclude;
  return trimmed;
}

/** The names a package.json depends on, of every kind. */
export const declared = (manifest: Manifest): Set<string> =>
  new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.devDependencies ?? {}),
    ...Object.keys((manifest.peerDependencies as Record<string, string> | undefined) ?? {}),
  ]);

export const toJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

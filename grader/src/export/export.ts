// `npm run export`: the student repository, written into an empty folder.
// Each step is a module of its own: what to copy (contents.ts), the
// package.json files (manifests.ts), the files only students have
// (templates.ts), the lockfile (lockfile.ts).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { studentContents, type StudentContents } from "./contents.ts";
import { ExportUsageError } from "./errors.ts";
import { copyFile, filesUnder } from "./files.ts";
import { writeStudentLock } from "./lockfile.ts";
import {
  declared,
  neededTools,
  readManifest,
  studentGraderManifest,
  studentPackageManifest,
  studentRootManifest,
  toJson,
  trimTsconfig,
  type SourceFile,
} from "./manifests.ts";
import { exerciseTable, writeStudentFiles } from "./templates.ts";

interface ExportOptions {
  /** The course repository (this one). */
  courseRoot: string;
  /** Where the student repository goes: a new or empty folder. */
  dir: string;
  /** The student template repository the Classroom workflow grades against (default: see defaultRepository). */
  repository?: string;
  /** Its release tag (default: see defaultRef). */
  ref?: string;
}

interface ExportResult {
  dir: string;
  repository: string;
  ref: string;
  /** Every file written, relative to `dir`, sorted. */
  files: string[];
}

/**
 * Without --repository: a repository of the same owner as the student's (on
 * Classroom, the organization that holds both the template and the students'
 * copies), named like the export folder.
 */
const defaultRepository = (dir: string) => `\${{ github.repository_owner }}/${path.basename(path.resolve(dir))}`;

/** The course's version: every @course package shares one (see .changeset/config.json). */
const courseVersion = (courseRoot: string) => readManifest(path.join(courseRoot, "grader")).version ?? "0.0.0";

/** Without --ref: the course's version as a tag, e.g. `v1.2.0`. */
export const defaultRef = (courseRoot: string) => `v${courseVersion(courseRoot)}`;

function ensureEmpty(dir: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new ExportUsageError(`${dir} is not a folder`);
  if (readdirSync(dir).length > 0) throw new ExportUsageError(`${dir} is not empty: export into a new or empty folder`);
}

/** The grader's and the shared packages' package.json rewritten, their tsconfig.json trimmed to what is there. */
function writePackageFiles(courseRoot: string, dir: string, contents: StudentContents, write: (rel: string, text: string) => void): void {
  for (const pkg of contents.packages) write(`${pkg}/package.json`, toJson(studentPackageManifest(readManifest(path.join(courseRoot, pkg)))));
  const grader = studentGraderManifest(readManifest(path.join(courseRoot, "grader")), new Set(contents.grader.files), contents.grader.packages);
  write("grader/package.json", toJson(grader));
  for (const pkg of [...contents.packages, "grader"]) {
    const tsconfig = path.join(courseRoot, pkg, "tsconfig.json");
    if (!existsSync(tsconfig)) continue;
    const trimmed = trimTsconfig(JSON.parse(readFileSync(tsconfig, "utf8")), (rel) => existsSync(path.join(dir, pkg, rel)));
    write(`${pkg}/tsconfig.json`, toJson(trimmed));
  }
}

/** Our root devDependencies that the exported files and scripts use, and their own packages do not declare. */
function rootTools(courseRoot: string, dir: string, written: readonly string[]): Record<string, string> {
  const packages = written.filter((rel) => rel.endsWith("/package.json")).map((rel) => path.posix.dirname(rel));
  const ownerOf = (rel: string) => packages.filter((pkg) => rel.startsWith(`${pkg}/`)).sort((a, b) => b.length - a.length)[0];
  const sources: SourceFile[] = written
    .filter((rel) => /\.[cm]?[jt]s$/.test(rel))
    .map((rel) => {
      const owner = ownerOf(rel);
      return {
        text: readFileSync(path.join(dir, rel), "utf8"),
        declares: owner === undefined ? new Set() : declared(readManifest(path.join(dir, owner))),
      };
    });
  const scripts = packages.flatMap((pkg) => Object.values(readManifest(path.join(dir, pkg)).scripts ?? {}));
  const base = JSON.parse(readFileSync(path.join(courseRoot, "tsconfig.base.json"), "utf8")) as { compilerOptions?: { types?: string[] } };
  return neededTools(courseRoot, readManifest(courseRoot), sources, scripts, base.compilerOptions?.types ?? []);
}

export function exportStudentRepository(options: ExportOptions): ExportResult {
  const { courseRoot } = options;
  const dir = path.resolve(options.dir);
  ensureEmpty(dir);
  mkdirSync(dir, { recursive: true });
  const repository = options.repository ?? defaultRepository(dir);
  const ref = options.ref ?? defaultRef(courseRoot);
  const written = new Set<string>();
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
    written.add(rel);
  };

  const contents = studentContents(courseRoot);
  for (const { from, to } of contents.copies) {
    copyFile(from, path.join(dir, to));
    written.add(to);
  }
  for (const rel of writeStudentFiles(dir, { repository, ref, exercises: exerciseTable(courseRoot) })) written.add(rel);
  writePackageFiles(courseRoot, dir, contents, write);

  const ours = readManifest(courseRoot);
  write("package.json", toJson(studentRootManifest(ours, courseVersion(courseRoot), rootTools(courseRoot, dir, [...written]))));
  writeStudentLock(courseRoot, dir);

  return { dir, repository, ref, files: filesUnder(dir) };
}

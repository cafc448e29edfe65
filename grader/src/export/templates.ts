// The files only a student's repository has (its README, the Classroom
// workflow, the devcontainer, editor settings, the Gradescope scripts), kept
// in student-files/ and written out with the few values that depend on the
// export filled in.
import { chmodSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { listExercises } from "../exercises.ts";
import { copyFile, filesUnder } from "./files.ts";
import { readManifest } from "./manifests.ts";

const STUDENT_FILES = fileURLToPath(new URL("./student-files/", import.meta.url));

/**
 * `gitignore` becomes `.gitignore`, `gitattributes` `.gitattributes`: a file
 * of that name in student-files/ would already be acting on files in our own
 * repository.
 */
const RENAMED: Record<string, string> = { gitignore: ".gitignore", gitattributes: ".gitattributes" };

interface TemplateValues {
  /** The student template repository the workflow grades against, `OWNER/NAME`. */
  repository: string;
  /** The release of it the workflow checks out (a tag). */
  ref: string;
  /** The markdown table of the exercises, for the README. */
  exercises: string;
}

const PLACEHOLDERS: Record<string, keyof TemplateValues> = {
  __COURSE_REPOSITORY__: "repository",
  __COURSE_REF__: "ref",
  "<!-- exercises -->": "exercises",
};

/**
 * The repository as a value of GitHub's expression language, for an `if:`
 * (`__COURSE_REPOSITORY_EXPRESSION__`): a `${{ }}` inside an `if:` turns it
 * into a non-empty string, which is always true. The default repository,
 * `${{ github.repository_owner }}/NAME`, becomes a format() of the owner.
 */
function repositoryExpression(repository: string): string {
  const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
  const ownersOwn = /^\$\{\{\s*github\.repository_owner\s*\}\}\/(.+)$/.exec(repository);
  if (!ownersOwn) return quote(repository);
  return `format(${quote(`{0}/${ownersOwn[1]!.replace(/[{}]/g, (brace) => brace + brace)}`)}, github.repository_owner)`;
}

export function fillIn(text: string, values: TemplateValues): string {
  let filled = text.split("__COURSE_REPOSITORY_EXPRESSION__").join(repositoryExpression(values.repository));
  for (const [placeholder, key] of Object.entries(PLACEHOLDERS)) filled = filled.split(placeholder).join(values[key]);
  return filled;
}

/** The exercises, in order, as a table: folder (linked to its lesson) and what it is about. */
export function exerciseTable(courseRoot: string): string {
  const rows = listExercises(courseRoot).map((id) => {
    const { description = "" } = readManifest(path.join(courseRoot, "exercises", id));
    return `| ${id.slice(0, 2)} | [\`${id}\`](exercises/${id}/README.md) | ${description.replace(/\|/g, "\\|")} |`;
  });
  return ["| # | exercise | what it is about |", "| --- | --- | --- |", ...rows].join("\n");
}

/** Writes every file of student-files/ into `dir`; returns their paths there. */
export function writeStudentFiles(dir: string, values: TemplateValues, from = STUDENT_FILES): string[] {
  const written: string[] = [];
  for (const rel of filesUnder(from)) {
    const to = rel
      .split("/")
      .map((part) => RENAMED[part] ?? part)
      .join("/");
    const source = path.join(from, rel);
    const target = path.join(dir, to);
    copyFile(source, target);
    writeFileSync(target, fillIn(readFileSync(source, "utf8"), values));
    // setup.sh and run_autograder must stay executable.
    chmodSync(target, statSync(source).mode & 0o777);
    written.push(to);
  }
  return written;
}

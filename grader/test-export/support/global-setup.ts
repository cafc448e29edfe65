// Exports the student repository once, with the real command, into a temp
// folder, then copies it to a second temp folder that has no link to this
// repository: the tests work on that copy, as a class would on theirs.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { courseRoot, EXPORT_ARGS } from "./course.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The untouched copy of the export, never installed into. */
    studentRepo: string;
  }
}

export default function setup(project: TestProject) {
  const exported = mkdtempSync(path.join(tmpdir(), "course-export-"));
  const copies = mkdtempSync(path.join(tmpdir(), "course-student-"));
  const target = path.join(exported, "async-course");
  const result = spawnSync(process.execPath, [path.join(courseRoot, "grader/bin/export.js"), target, ...EXPORT_ARGS], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`npm run export failed (${result.status}):\n${result.stderr}`);
  const studentRepo = path.join(copies, "async-course");
  // A plain recursive copy: what a fresh clone would hold.
  cpSync(target, studentRepo, { recursive: true, verbatimSymlinks: true });
  rmSync(exported, { recursive: true, force: true });
  project.provide("studentRepo", studentRepo);
  return () => rmSync(copies, { recursive: true, force: true });
}

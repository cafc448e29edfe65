// A fresh copy of the fixture course for each test: two small exercises on
// the real test kit. It lies beside the fixture (test/.courses/, ignored by
// git) so that its packages resolve from the repository's node_modules, as a
// student's exercises do from theirs.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const here = import.meta.dirname;
export const runnerBin = path.resolve(here, "../../bin/course.js");
const fixture = path.resolve(here, "../fixtures/course");
const courses = path.resolve(here, "../.courses");

export interface Course {
  dir: string;
  write(rel: string, text: string): void;
  remove(): void;
}

export function copyCourse(): Course {
  mkdirSync(courses, { recursive: true });
  const dir = mkdtempSync(path.join(courses, "course-"));
  cpSync(fixture, dir, { recursive: true });
  // The course's own compiler settings, as they are today (a course is self-contained: a run sees only it).
  cpSync(path.resolve(here, "../../../../tsconfig.base.json"), path.join(dir, "tsconfig.base.json"));
  return {
    dir,
    write: (rel, text) => writeFileSync(path.join(dir, rel), text),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The processes descended from `pid` (the runner, the test runs it started, their workers), with their command lines. */
export function descendants(pid: number): { pid: number; args: string }[] {
  const all = execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" })
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s(.*)$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => ({ pid: Number(match[1]), ppid: Number(match[2]), args: match[3]! }));
  const found: { pid: number; args: string }[] = [];
  const parents = [pid];
  while (parents.length > 0) {
    const parent = parents.pop()!;
    for (const child of all.filter((p) => p.ppid === parent)) {
      found.push({ pid: child.pid, args: child.args });
      parents.push(child.pid);
    }
  }
  return found;
}

/** Whether `pid` still runs: a zombie (dead, not yet reaped by its parent) does not. */
export function isAlive(pid: number): boolean {
  const state = spawnSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).stdout.trim();
  return state !== "" && !state.startsWith("Z");
}

/**
 * The processes of `running` still alive after waiting up to `withinMs` (real
 * time, polled) for them to go: a killed process is gone once the kernel has
 * taken it down, a moment later.
 */
export async function stillAlive<P extends { pid: number }>(running: readonly P[], withinMs = 10_000): Promise<P[]> {
  const deadline = Date.now() + withinMs;
  while (running.some((p) => isAlive(p.pid)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  return running.filter((p) => isAlive(p.pid));
}

/** The fixture's answer() done right, and done half right (it answers at once). */
export const ANSWER_RIGHT = `import { AnswerError } from "./answer-error.ts";

export async function answer(question = 1): Promise<number> {
  if (question < 0) throw new AnswerError("no");
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return 42;
}
`;
export const ANSWER_AT_ONCE = `import { AnswerError } from "./answer-error.ts";

export async function answer(question = 1): Promise<number> {
  if (question < 0) throw new AnswerError("no");
  return 42;
}
`;

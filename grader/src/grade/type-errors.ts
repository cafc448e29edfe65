// Type errors of a submission: a warning in the report, never a change of
// score. vitest only strips types, so code can pass every test and still not
// typecheck (`items[i]` is `T | undefined` under the course's
// noUncheckedIndexedAccess); the student should hear of it.
//
// Each exercise the submission changed is typechecked as a run would use it:
// its submitted src/ laid over the stub's (a copy staged as for a run, so the
// same files count and none the run writes), with the pristine tests and the
// course's own compiler options. All of them in one TypeScript program (the
// test kit's, vitest's and Node's types are read once), in a child process
// (bin/typecheck.js) started beside the runs, at a lower priority.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { setPriority } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { givenFiles } from "@course/testkit/config";
import { exerciseDir } from "../exercises.ts";
import { stageSubmittedSrc, type StagedSrc } from "./stage.ts";
import type { Submission } from "./submission.ts";
import { isUntouched, stubDigests } from "./untouched.ts";

/** At most this many type errors are kept per exercise (all are counted). */
export const TYPE_ERRORS_KEPT = 50;
/** Each type error is cut to this many characters. */
export const TYPE_ERROR_LIMIT = 1_000;
/** Past this, the type check is stopped and reported as not done. */
const TYPECHECK_TIMEOUT_MS = 120_000;

/** What the type check found in one exercise: every error counted, the first TYPE_ERRORS_KEPT kept. */
export interface TypeErrors {
  count: number;
  errors: string[];
}

const typecheckBin = fileURLToPath(new URL("../../bin/typecheck.js", import.meta.url));

interface SubmissionTypecheck {
  /** Each exercise typechecked (the ones the submission changed), by id; rejects when the check could not run. */
  result: Promise<Map<string, TypeErrors>>;
}

/**
 * Starts the type check of the exercises a submission changed (an untouched
 * one typechecks as the stub does, which the course check proves). The staged
 * copies are removed when it ends.
 */
export function typecheckSubmission(
  submission: Submission,
  ids: readonly string[],
  course: string,
  timeoutMs = TYPECHECK_TIMEOUT_MS,
): SubmissionTypecheck {
  const staged: StagedSrc[] = [];
  const groups = new Map<string, { tsconfig: string; exercises: { folder: string; src: string; given: string[] }[] }>();
  const ofFolder = new Map<string, string>();
  try {
    for (const id of ids) {
      const folder = exerciseDir(id, course);
      const tsconfig = path.join(folder, "tsconfig.json");
      if (!existsSync(tsconfig)) continue;
      const copy = stageSubmittedSrc(submission, id, folder);
      staged.push(copy);
      if (copy.src === undefined || isUntouched(copy.src, folder, stubDigests(id, course))) continue;
      // One program per distinct tsconfig.json (every exercise has the model's, so normally one).
      const key = readFileSync(tsconfig, "utf8").trim();
      const group = groups.get(key) ?? { tsconfig, exercises: [] };
      group.exercises.push({ folder, src: copy.src, given: givenFiles(folder) });
      groups.set(key, group);
      ofFolder.set(folder, id);
    }
  } catch (error) {
    for (const copy of staged) copy.remove();
    throw error;
  }
  const removeAll = () => {
    for (const copy of staged) copy.remove();
  };
  if (groups.size === 0) {
    removeAll();
    return { result: Promise.resolve(new Map()) };
  }
  const result = new Promise<Map<string, TypeErrors>>((resolve, reject) => {
    const child = spawn(process.execPath, [typecheckBin], { stdio: ["pipe", "pipe", "pipe"], windowsHide: true });
    try {
      // The runs first: the type check takes what CPU they leave.
      if (child.pid) setPriority(child.pid, 10);
    } catch {
      // Not allowed here: it runs at the same priority.
    }
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err = (err + chunk.toString()).slice(-2_000)));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the type check did not finish within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      try {
        if (code !== 0) throw new Error(`the type check exited with ${code}: ${err.trim().split("\n").at(-1) ?? ""}`);
        const byFolder = JSON.parse(out) as Record<string, TypeErrors>;
        resolve(
          new Map(Object.entries(byFolder).flatMap(([folder, errors]) => (ofFolder.has(folder) ? [[ofFolder.get(folder)!, errors] as const] : []))),
        );
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    child.stdin.end(JSON.stringify([...groups.values()]));
  });
  result.then(removeAll, removeAll);
  return { result };
}

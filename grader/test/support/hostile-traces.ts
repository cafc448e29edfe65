// What the hostile fixtures (fixtures/hostile/) leave behind when the sandbox
// fails them: a marker file outside the run's folder, and a process named so
// that it can be found after the run.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import path from "node:path";

/** The folders outside the runs where a fixture left its marker file (none, when the sandbox held). */
export function foldersMarked(): string[] {
  return [tmpdir(), "/tmp", homedir()].filter((dir) => existsSync(path.join(dir, "course-hostile-was-here")));
}

/** The pids of processes a fixture started that are still running (Linux: read from /proc). */
export function orphanProcesses(): string[] {
  return readdirSync("/proc").filter((pid) => {
    try {
      return /^\d+$/.test(pid) && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("course-hostile-orphan");
    } catch {
      return false;
    }
  });
}

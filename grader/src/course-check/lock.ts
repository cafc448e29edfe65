// One course check at a time per repository: every check lays its chains out in
// the same .course-check/ folder, so two at once (a root `npm test` beside an
// `npm run check`) would delete each other's files and fail with "Cannot find
// module …/.course-check/…", which reads like a broken exercise.
import { openSync, readFileSync, rmSync, writeSync, closeSync, mkdirSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * Takes the lock file `file` for this process, waiting while another living
 * process holds it (a lock left by a process that died is taken over). Says
 * once, through `tell`, whom it waits for. Returns the release.
 */
export async function takeLock(file: string, tell: (message: string) => void, pollMs = 500): Promise<() => void> {
  mkdirSync(path.dirname(file), { recursive: true });
  let told = false;
  for (;;) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => rmSync(file, { force: true });
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number.parseInt(readFileSafely(file), 10);
    if (!Number.isInteger(holder) || holder === process.pid || !isAlive(holder)) {
      rmSync(file, { force: true });
      continue;
    }
    if (!told) {
      tell(`another course check is running in this repository (process ${holder}); waiting for it to finish…`);
      told = true;
    }
    await sleep(pollMs);
  }
}

function readFileSafely(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

// The processes this runner started, so that it can stop them: a test run
// whose code just changed (its result would be stale), and every run still
// going when the student quits. The grader starts each run itself and keeps no
// handle a caller could use; Node announces every child process it creates on
// the `child_process` diagnostics channel, and that is where they are counted.
import type { ChildProcess } from "node:child_process";
import { subscribe } from "node:diagnostics_channel";

const live = new Set<ChildProcess>();
let condemned = false;

function kill(child: ChildProcess): void {
  // A run is started in a process group of its own (detached): kill the whole
  // group, workers included. Windows has no groups: the process itself.
  try {
    if (process.platform !== "win32" && child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    else child.kill("SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

subscribe("child_process", (message) => {
  const child = (message as { process: ChildProcess }).process;
  live.add(child);
  const forget = () => live.delete(child);
  child.once("exit", forget);
  child.once("error", forget);
  // A run condemned before it even started its process.
  if (condemned) child.once("spawn", () => kill(child));
});

/**
 * Kills every child process still running, and any started until `release()`
 * (a run being cancelled may be about to start one).
 */
export function killChildren(): void {
  condemned = true;
  for (const child of live) if (child.pid !== undefined) kill(child);
}

/** New child processes may live again. */
export function release(): void {
  condemned = false;
}

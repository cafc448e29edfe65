// `node scripts/low-priority.js COMMAND [ARGS…]`: runs the command at a lower
// CPU priority (nice 10), then exits as it did.
//
// Why: the root `npm test` runs the course check beside the lint and the
// packages' unit tests, on machines with as few as two cores, and the check is
// the longest task of all. At equal priority the others took half the CPU
// from it, then it ran alone at the end, unable to keep both cores busy (its
// workers wait on its main thread). At a lower priority they run in the
// moments the check leaves a core idle, and the whole run ends sooner
// (measured, a cold root npm test on 2 cores, alternated twice: 82.4 and 81.9 s
// against 86.2 and 88.0 s). Alone, a command runs as fast as before: a
// priority only matters when something else wants the CPU.
//
// The priority is set on this process before it starts the command, which
// inherits it with every thread it starts. A system that does not allow it
// runs the command at the usual priority.
import { spawn } from "node:child_process";
import { setPriority } from "node:os";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node scripts/low-priority.js COMMAND [ARGS…]");
  process.exit(2);
}
try {
  setPriority(10);
} catch {
  // Not allowed here: the usual priority, as without this script.
}
// A shell on Windows only, where npm's bin shims are .cmd files.
const child = spawn(command, args, { stdio: "inherit", shell: process.platform === "win32" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("error", (error) => {
  console.error(`low-priority: could not start ${command}: ${error.message}`);
  process.exitCode = 1;
});
child.on("exit", (code, signal) => {
  if (!signal) {
    process.exitCode = code ?? 1;
    return;
  }
  // Stopped by a signal: stop the same way (our own handlers first out of its way).
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
});

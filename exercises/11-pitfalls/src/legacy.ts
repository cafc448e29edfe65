/**
 * Given: the code this exercise replaces. Each function gives the right answer
 * on a quiet day, and each hides one of the classic async mistakes:
 *
 * - `legacyLoadConfigs` reads with a synchronous call, one file after another:
 *   the whole process stands still while the disk answers.
 * - `legacySaveAll` starts every write and never waits for one: it resolves
 *   before anything is saved, and a failed write becomes an unhandled rejection.
 *   `legacySaveAllForEach` is the same mistake in a one-liner.
 * - `legacyPause` waits by spinning in a loop: nothing else can run meanwhile.
 *
 * Nothing imports this file and the tests do not grade it. The README shows
 * what ESLint's `no-floating-promises` and `no-misused-promises` say about it.
 * Your fixed versions go in load-configs.ts, save-all.ts and pause.ts.
 */
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";

/** Reads and parses JSON files, synchronously, one at a time. */
export async function legacyLoadConfigs(paths: string[]): Promise<unknown[]> {
  const configs: unknown[] = [];
  for (const file of paths) {
    configs.push(JSON.parse(readFileSync(file, "utf8")));
  }
  return configs;
}

/** Writes each `files[name]` to `dir/name`: starts every write, waits for none. */
export async function legacySaveAll(files: Record<string, string>, dir: string): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    writeFile(path.join(dir, name), text);
  }
}

/** The same, as a one-liner: `forEach` ignores what its callback returns, promises included. */
export async function legacySaveAllForEach(files: Record<string, string>, dir: string): Promise<void> {
  Object.entries(files).forEach(async ([name, text]) => {
    await writeFile(path.join(dir, name), text);
  });
}

/** Waits `ms` milliseconds by checking the clock over and over. */
export function legacyPause(ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // Spinning: no timer, no I/O callback, no other request runs until this loop ends.
  }
  return Promise.resolve();
}

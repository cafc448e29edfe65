import { writeFile } from "node:fs/promises";
import path from "node:path";

export async function saveAll(files: Record<string, string>, dir: string): Promise<void> {
  // Keep every write's promise: a promise nobody holds can be neither waited
  // for nor have its failure handled.
  // Stryker disable next-line StringLiteral: writeFile writes a string as UTF-8 by default, so "utf8" only says so
  const writes = Object.entries(files).map(([name, text]) => writeFile(path.join(dir, name), text, "utf8"));
  // Promise.all attaches a handler to each write, so a second failure is not
  // left unhandled, and rejects with the first one.
  await Promise.all(writes);
}

import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

/**
 * The regular files under `dir`, as paths relative to it with "/" separators
 * (none when `dir` is missing). Links are neither followed nor listed: what a
 * submission links to is not its own.
 */
export function filesUnder(dir: string | undefined, prefix = ""): string[] {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesUnder(path.join(dir, entry.name), rel) : entry.isFile() ? [rel] : [];
  });
}

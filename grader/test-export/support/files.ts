import { lstatSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Every file under `dir` (relative paths, `/` separators), symlinks included as files, node_modules left out. */
export function walk(dir: string, prefix = ""): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      if (name === "node_modules") return [];
      const rel = prefix ? `${prefix}/${name}` : name;
      return lstatSync(path.join(dir, name)).isDirectory() ? walk(path.join(dir, name), rel) : [rel];
    });
}

/** A file's lines, trimmed. */
export const trimmedLines = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.trim());

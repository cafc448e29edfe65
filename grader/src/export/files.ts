// Walking and copying the course's files, leaving out what is never part of
// anyone's copy of a package: installed modules, build caches, logs.
import { copyFileSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Folder names that are made by tools, never written by us. */
const GENERATED = new Set(["node_modules", ".turbo", ".cache", "coverage", ".vitest", "dist"]);
const isGenerated = (name: string) => GENERATED.has(name) || name.endsWith(".log") || name === ".DS_Store";

/** The files under `dir`, as paths relative to it with `/` separators, sorted; generated ones left out. */
export function filesUnder(dir: string, prefix = ""): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (isGenerated(name)) continue;
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(full).isDirectory()) found.push(...filesUnder(full, rel));
    else found.push(rel);
  }
  return found;
}

/** Copies one file, making the folders it needs. */
export function copyFile(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true });
  copyFileSync(from, to);
}

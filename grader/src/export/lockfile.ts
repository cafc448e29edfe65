// The student repository's package-lock.json: ours, trimmed by npm itself to
// their workspaces and tools. Starting from our lock keeps every version a
// student installs the one the course was checked with, and `npm ci` then
// installs exactly that.
import { spawnSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import path from "node:path";

export function writeStudentLock(courseRoot: string, dir: string): void {
  copyFileSync(path.join(courseRoot, "package-lock.json"), path.join(dir, "package-lock.json"));
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const args = ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"];
  // Started by `npm run export`, this process carries npm's settings for our
  // repository (npm_config_local_prefix and the like): npm must not see them here.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const result = spawnSync(npm, args, { cwd: dir, env, encoding: "utf8", shell: process.platform === "win32" });
  if (result.status !== 0) {
    const why = (result.stderr || result.stdout || String(result.error ?? "")).trim().split("\n").slice(-5).join("\n");
    throw new Error(`npm could not write the student repository's package-lock.json:\n${why}`);
  }
}

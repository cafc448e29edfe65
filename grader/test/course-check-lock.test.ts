import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { takeLock } from "../src/course-check/lock.ts";

const work = mkdtempSync(path.join(tmpdir(), "grader-lock-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("a second course check waits for the first, says so once, then runs", async () => {
  const file = path.join(work, "held.lock");
  // The first check: a process that holds the lock until it is told to stop.
  const first = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  writeFileSync(file, String(first.pid));
  const told: string[] = [];
  let taken = false;
  const second = takeLock(file, (m) => told.push(m), 20).then((release) => {
    taken = true;
    return release;
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(taken, "the lock is held by a living process").toBe(false);
  first.kill();
  const release = await second;
  expect(told).toEqual([`another course check is running in this repository (process ${first.pid}); waiting for it to finish…`]);
  release();
  expect(existsSync(file)).toBe(false);
});

test("a lock left by a check that died is taken over at once", async () => {
  const file = path.join(work, "stale.lock");
  writeFileSync(file, "999999999");
  const told: string[] = [];
  const release = await takeLock(file, (m) => told.push(m));
  expect(told).toEqual([]);
  release();
});

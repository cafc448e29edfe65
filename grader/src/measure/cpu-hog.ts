// A reproducible load: one process per core, each spinning and resting in
// bursts whose lengths come from a seeded generator, so that every run of
// `npm run soak` with the same seed faces the same pattern of contention.
import { spawn, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";

/**
 * One hog, as a script for `node -e`: mulberry32 seeded from argv, then bursts
 * of 50–400 ms spinning and 0–40 ms resting (about nine tenths of a core),
 * until its parent is gone.
 */
const HOG = `
let state = Number(process.argv[1]) >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const parent = process.ppid;
const burst = () => {
  // Orphaned (the soak was killed before it could stop us): stop too.
  if (process.ppid !== parent) process.exit(0);
  const until = Date.now() + 50 + Math.floor(random() * 350);
  while (Date.now() < until) {}
  setTimeout(burst, Math.floor(random() * 40));
};
burst();
`;

interface CpuHog {
  stop(): void;
}

/** Starts one hog process per core (seeded `seed`, `seed + 1`, …); stop() ends them all. */
export function startCpuHog(seed: number, processes = availableParallelism()): CpuHog {
  const children: ChildProcess[] = [];
  for (let i = 0; i < processes; i++) {
    children.push(spawn(process.execPath, ["-e", HOG, String(seed + i)], { stdio: "ignore" }));
  }
  return {
    stop: () => {
      for (const child of children) child.kill("SIGKILL");
    },
  };
}

// The task `npm run demo` hands your pool: pure CPU work, with the thread
// that ran it and when. Given: no need to edit it. Node runs it in your
// workers stripping its types, so it is erasable TypeScript only.
import { threadId } from "node:worker_threads";

export interface BusyInput {
  /** How long to compute, in CPU time of the thread that runs it. */
  cpuMs: number;
}

export interface BusyOutput {
  threadId: number;
  /** `performance.timeOrigin + performance.now()`: comparable between threads. */
  startedAt: number;
  endedAt: number;
  checksum: number;
}

/** CPU time this thread has used, in ms (wall time where Node cannot tell: before 23.9). */
function cpuNow(): number {
  if (typeof process.threadCpuUsage !== "function") return performance.now();
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}

export default function busy(input: BusyInput): BusyOutput {
  const startedAt = performance.timeOrigin + performance.now();
  // The same amount of work on any machine, however busy: CPU time, not wall time.
  const until = cpuNow() + input.cpuMs;
  let checksum = 0;
  while (cpuNow() < until) {
    for (let i = 0; i < 100_000; i++) checksum = (checksum + i * i) % 1_000_003;
  }
  return { threadId, startedAt, endedAt: performance.timeOrigin + performance.now(), checksum };
}

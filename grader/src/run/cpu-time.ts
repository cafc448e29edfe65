import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on every Linux in use). */
const TICKS_PER_SECOND = 100;
/** /proc's rss is in pages: 4 KiB on x86-64 and on arm64 as Linux distributions build it. */
const PAGE_MB = 4096 / (1024 * 1024);

/** What a process group has had of the CPUs so far, in ms. */
interface GroupUsage {
  /** CPU time used, by every process of the group. */
  cpuMs: number;
  /**
   * Time its threads were ready to run but waited for a CPU (the scheduler's
   * run-queue wait, /proc/PID/task/TID/schedstat): what a run starved by a
   * busy machine accumulates, and a run blocked on a promise does not.
   */
  waitMs: number;
  /** Memory the group's processes hold in RAM (resident set), in MB. */
  rssMb: number;
}

/** Sum of the run-queue waits (ns, 2nd field of schedstat) of every thread of a process. */
function threadsWaitNs(pid: string): number {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return 0;
  }
  let ns = 0;
  for (const tid of tids) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[1]) || 0;
    } catch {
      // Gone meanwhile, or no schedstat on this kernel.
    }
  }
  return ns;
}

/** The CPU time (ms) used so far by every process of a process group (see groupUsage). */
export function groupCpuMs(pgid: number): number | undefined {
  return groupUsage(pgid, false)?.cpuMs;
}

/**
 * The CPU time used, the run-queue wait so far and the memory held of every
 * process of a process group, from /proc; undefined where there is no /proc (macOS,
 * Windows), and callers then go by wall time alone.
 */
export function groupUsage(pgid: number, withWait = true): GroupUsage | undefined {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  let ticks = 0;
  let waitNs = 0;
  let pages = 0;
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // Gone meanwhile.
    }
    // The command name (field 2) may hold spaces: the fields after its closing paren are fixed.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) !== pgid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
    pages += Number(fields[21]) || 0;
    if (withWait) waitNs += threadsWaitNs(pid);
  }
  return { cpuMs: (ticks * 1000) / TICKS_PER_SECOND, waitMs: waitNs / 1e6, rssMb: pages * PAGE_MB };
}

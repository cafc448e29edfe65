// What a run of the tests may take: time, memory, output. The runner enforces
// them (run-tests.ts); an end reason that one of them caused carries the limit
// it hit (end-reason.ts), so that whoever words it needs no copy of these.

export interface RunLimits {
  /** Wall-clock limit for the whole run; past it the run's process group is killed. */
  timeoutMs: number;
  /** Wall-clock limit without any progress (a test starting or finishing): a hang. */
  idleMs: number;
  /** CPU time the run may spend without any progress: a loop (Linux, where /proc tells). */
  busyMs: number;
  /** Limit for one test (and for one hook). */
  testTimeoutMs: number;
  /** Memory the run's processes may hold together (Linux, where /proc tells); past it the run is stopped. */
  memoryMb: number;
}

/**
 * A loop is caught after 8 s of CPU without progress (the slowest honest test,
 * exercise 11's typed lint, computes about 4 s at once); where the CPU cannot be
 * read, and for a run that waits on nothing, after 20 s of wall time.
 */
export const DEFAULT_LIMITS: RunLimits = { timeoutMs: 120_000, idleMs: 20_000, busyMs: 8_000, testTimeoutMs: 5_000, memoryMb: 1_536 };

/** The last characters of what a run prints that are kept (for diagnosing a crash): a flood of output costs the grader nothing. */
export const OUTPUT_KEPT = 16_384;

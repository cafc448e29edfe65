/**
 * Waits `ms` milliseconds, then resolves: the `asyncio.sleep(seconds)` of this course.
 *
 * If `options.signal` aborts before or during the wait, the promise rejects
 * with `signal.reason` (the very value the signal was aborted with) and the
 * timer is cleared. Either way, when it settles it leaves nothing behind: no
 * pending timer, no listener on the signal.
 */
export async function sleep(ms: number, options?: { signal?: AbortSignal }): Promise<void> {
  // TODO: resolve from a setTimeout; on abort, clear the timer and reject with signal.reason.
  throw new Error("TODO: implement sleep in src/sleep.ts");
}

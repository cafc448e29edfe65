/**
 * Resolves after `ms` milliseconds without blocking the event loop: timers,
 * I/O and other requests keep running meanwhile. Replaces `legacyPause`.
 * A negative, NaN or infinite `ms` rejects with a `RangeError`.
 */
export async function pause(ms: number): Promise<void> {
  // TODO: wait with a timer, not a loop.
  throw new Error("TODO: implement pause in src/pause.ts");
}

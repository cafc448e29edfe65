/**
 * Gives the event loop a turn: resolves only after the loop has had the chance
 * to run the timers, I/O callbacks and other work waiting for it, so that code
 * that awaits it lets everything else make progress before it continues.
 *
 * Resolving from a microtask (an already-resolved promise, `queueMicrotask`,
 * `process.nextTick`) does not count: microtasks all run before the loop
 * moves on to anything else.
 */
export async function yieldToEventLoop(): Promise<void> {
  // TODO: resolve from a macrotask, after the event loop has had a turn.
  throw new Error("TODO: implement yieldToEventLoop in src/yield-to-event-loop.ts");
}

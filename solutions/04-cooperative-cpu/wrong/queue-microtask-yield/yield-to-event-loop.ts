// Wrong: queueMicrotask schedules a microtask, not a turn of the event loop.
// Microtasks run as soon as the current code finishes and before anything else
// the loop has waiting, so timers and I/O callbacks still never get to run.
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => queueMicrotask(resolve));
}

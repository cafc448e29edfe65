// Also right: a 0 ms timeout resolves from the timers phase of a later turn of
// the loop. (Node waits at least 1 ms, so each yield costs a little more than
// setImmediate's.)
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

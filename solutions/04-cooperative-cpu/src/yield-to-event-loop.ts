export function yieldToEventLoop(): Promise<void> {
  // setImmediate runs its callback on the loop's next check phase, after
  // timers and I/O callbacks have had their turn. A resolved promise would not
  // do: its continuation is a microtask, and microtasks all run before the
  // loop moves on to anything else.
  return new Promise((resolve) => setImmediate(resolve));
}

// Wrong: despite its name, process.nextTick does not wait for the next turn of
// the loop: its callbacks run right after the current code, even before promise
// microtasks, and the loop moves on only once that queue is empty.
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => process.nextTick(resolve));
}

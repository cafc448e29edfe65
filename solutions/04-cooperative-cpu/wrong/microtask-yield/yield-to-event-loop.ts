// Wrong: awaiting an already-resolved promise looks like "pausing for a
// moment", but the code after it resumes as a microtask, and the microtask
// queue is emptied before the event loop runs any timer or I/O callback. It is
// the JavaScript look-alike of Python's `await asyncio.sleep(0)`, and it does
// not behave like it: nothing else ever gets a turn.
export async function yieldToEventLoop(): Promise<void> {
  await Promise.resolve();
}

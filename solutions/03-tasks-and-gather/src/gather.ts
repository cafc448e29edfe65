export async function gather<T>(tasks: Array<() => Promise<T>>, options: { returnErrors?: boolean } = {}): Promise<Array<T | Error>> {
  // Calling every task function before awaiting anything is what makes them
  // run together. Wrapping the call in a promise turns a task that throws
  // synchronously into a rejection like any other.
  const running = tasks.map((task) => new Promise<T>((resolve) => resolve(task())));
  if (!options.returnErrors) {
    // Promise.all rejects the moment any task rejects, and has already
    // attached a handler to every task, so later rejections are not "unhandled".
    return Promise.all(running);
  }
  // A rejection reason can be anything (a string, a plain object): it is put in
  // place as it is, like asyncio's return_exceptions=True, not wrapped.
  const settled = await Promise.allSettled(running);
  return settled.map((outcome) => (outcome.status === "fulfilled" ? outcome.value : (outcome.reason as Error)));
}

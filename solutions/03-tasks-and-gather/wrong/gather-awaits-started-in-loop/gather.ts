// Wrong: every task is started first (good), but then awaited one by one, in
// order. A task that fails while an earlier one is still running is noticed
// only when the loop reaches it, and until then its rejection is unhandled.
export async function gather<T>(
  tasks: Array<() => Promise<T>>,
  options: { returnErrors?: boolean } = {},
): Promise<Array<T | Error>> {
  const running = tasks.map((task) => task());
  const results: Array<T | Error> = [];
  for (const promise of running) {
    try {
      results.push(await promise);
    } catch (error) {
      if (!options.returnErrors) throw error;
      results.push(error as Error);
    }
  }
  return results;
}

// Wrong: the fail-fast path uses Promise.all, but the returnErrors path catches
// each failure with a try/catch around an await inside a loop, so there the
// tasks run one after another.
export async function gather<T>(
  tasks: Array<() => Promise<T>>,
  options: { returnErrors?: boolean } = {},
): Promise<Array<T | Error>> {
  if (!options.returnErrors) return Promise.all(tasks.map((task) => task()));
  const results: Array<T | Error> = [];
  for (const task of tasks) {
    try {
      results.push(await task());
    } catch (error) {
      results.push(error as Error);
    }
  }
  return results;
}

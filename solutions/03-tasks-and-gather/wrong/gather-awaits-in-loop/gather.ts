// Wrong: each task is called only after the previous one has settled, because
// the await sits inside the loop. The results are right; the time is the sum
// of the tasks', not the longest.
export async function gather<T>(
  tasks: Array<() => Promise<T>>,
  options: { returnErrors?: boolean } = {},
): Promise<Array<T | Error>> {
  const results: Array<T | Error> = [];
  for (const task of tasks) {
    try {
      results.push(await task());
    } catch (error) {
      if (!options.returnErrors) throw error;
      results.push(error as Error);
    }
  }
  return results;
}

// Wrong: a hand-rolled gather that resolves when the last task settles. With
// no tasks, no task ever settles, so it never resolves.
export function gather<T>(
  tasks: Array<() => Promise<T>>,
  options: { returnErrors?: boolean } = {},
): Promise<Array<T | Error>> {
  return new Promise((resolve, reject) => {
    const results: Array<T | Error> = new Array(tasks.length);
    let remaining = tasks.length;
    const settle = (index: number, value: T | Error) => {
      results[index] = value;
      if (--remaining === 0) resolve(results);
    };
    tasks.forEach((task, index) => {
      task().then(
        (value) => settle(index, value),
        (reason: unknown) => (options.returnErrors ? settle(index, reason as Error) : reject(reason)),
      );
    });
  });
}

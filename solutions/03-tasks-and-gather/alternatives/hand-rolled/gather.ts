// Right, another way: no Promise.all, a counter of tasks still running. The
// empty list must be settled by hand, since no task will ever do it.
export function gather<T>(tasks: Array<() => Promise<T>>, options: { returnErrors?: boolean } = {}): Promise<Array<T | Error>> {
  return new Promise((resolve, reject) => {
    const results: Array<T | Error> = new Array(tasks.length);
    let remaining = tasks.length;
    if (remaining === 0) return resolve(results);
    const settle = (index: number, value: T | Error) => {
      results[index] = value;
      if (--remaining === 0) resolve(results);
    };
    tasks.forEach((task, index) => {
      // A reject() after the first is ignored: the first failure wins.
      task().then(
        (value) => settle(index, value),
        (reason: unknown) => (options.returnErrors ? settle(index, reason as Error) : reject(reason)),
      );
    });
  });
}

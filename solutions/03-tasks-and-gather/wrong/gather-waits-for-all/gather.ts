// Wrong: Promise.allSettled waits for every task, so a failure is reported
// only once the slowest task is done, not when it happens; and it throws the
// first failure in list order, which need not be the first in time.
export async function gather<T>(
  tasks: Array<() => Promise<T>>,
  options: { returnErrors?: boolean } = {},
): Promise<Array<T | Error>> {
  const settled = await Promise.allSettled(tasks.map((task) => task()));
  if (!options.returnErrors) {
    const failed = settled.find((outcome) => outcome.status === "rejected");
    if (failed) throw failed.reason;
  }
  return settled.map((outcome) => (outcome.status === "fulfilled" ? outcome.value : (outcome.reason as Error)));
}

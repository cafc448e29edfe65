// Wrong: with returnErrors, each rejection reason is wrapped in a new Error so
// that the result "is an Error" as the type says. The caller gets a copy: it
// can no longer check `instanceof` its own class, read its fields, or compare
// it with the reason it expected.
export async function gather<T>(
  tasks: Array<() => Promise<T>>,
  options: { returnErrors?: boolean } = {},
): Promise<Array<T | Error>> {
  const running = tasks.map((task) => task());
  if (!options.returnErrors) return Promise.all(running);
  const settled = await Promise.allSettled(running);
  return settled.map((outcome) =>
    outcome.status === "fulfilled" ? outcome.value : new Error(String(outcome.reason), { cause: outcome.reason }),
  );
}

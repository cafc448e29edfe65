/**
 * Calls every task function at once (each returns a promise: a running task)
 * and resolves with their results, in the order of `tasks`.
 *
 * Without `returnErrors`, the first task to reject rejects the whole call with
 * its reason, as soon as it happens. With `returnErrors: true`, it waits for
 * every task and puts each failure's rejection reason, as it is, in that task's
 * place (asyncio's `gather(..., return_exceptions=True)`).
 */
export async function gather<T>(tasks: Array<() => Promise<T>>, options?: { returnErrors?: boolean }): Promise<Array<T | Error>> {
  // TODO: call every task before awaiting any; collect the results in order.
  throw new Error("TODO: implement gather in src/gather.ts");
}

import type { Job, PoolWorkerData, Reply } from "./pool-worker.ts";

/**
 * Runs the default export of `taskModule` on every input, on a pool of
 * `options.threads` worker threads, and resolves with the results in input order.
 *
 * - `taskModule` is a `URL`, a `file:` URL string or a path (a relative path is
 *   resolved against the working directory, `process.cwd()`). It default-exports
 *   `(input: I) => O | Promise<O>`; inputs and results cross between threads by
 *   structured clone (a `SharedArrayBuffer` is shared, not copied).
 * - At most `threads` workers, each reused for many inputs; a worker gets the
 *   next input as soon as it has finished the previous one.
 * - A task that throws or rejects rejects the call with an `Error` whose message
 *   contains the task's message; `options.signal` aborting rejects it with
 *   `signal.reason`. Either way every worker is terminated.
 * - Whatever the outcome, every worker has exited (its `exit` event has fired)
 *   before the returned promise settles.
 * - `threads` must be a positive integer, or the call rejects with a `RangeError`
 *   before any worker starts.
 */
export async function runInWorkerPool<I, O>(taskModule: string | URL, inputs: I[], options: { threads: number; signal?: AbortSignal }): Promise<O[]> {
  // TODO: start `threads` workers running ./pool-worker.ts, hand each the next input as it frees up, then terminate them all.
  throw new Error("TODO: implement runInWorkerPool in src/run-in-worker-pool.ts");
}

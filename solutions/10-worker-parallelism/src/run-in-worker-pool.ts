import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
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
  const { threads, signal } = options;
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`runInWorkerPool: threads must be a positive integer, got ${threads}`);
  }
  signal?.throwIfAborted();
  // Stryker disable next-line ArrayDeclaration: the length only presizes the array; every index is assigned before it is returned, and with no inputs both are []
  const results = new Array<O>(inputs.length);
  if (inputs.length === 0) return results;

  const workerData: PoolWorkerData = { taskUrl: moduleUrl(taskModule) };
  const settled = Promise.withResolvers<void>();
  const workers: Worker[] = [];
  let next = 0;
  let finished = 0;

  // One input at a time per worker: the next goes to whichever worker just
  // replied, so a slow input never holds up the others (a pool, not batches).
  const handOut = (worker: Worker) => {
    if (next >= inputs.length) return;
    const job: Job = { index: next, input: inputs[next] };
    next += 1;
    worker.postMessage(job);
  };

  const onAbort = () => settled.reject(signal!.reason);
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts at most once, and the finally below removes the listener however the call ends
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for (let i = 0; i < Math.min(threads, inputs.length); i += 1) {
      const worker = new Worker(new URL("./pool-worker.ts", import.meta.url), { workerData });
      workers.push(worker);
      worker.on("message", (reply: Reply) => {
        if (!reply.ok) {
          settled.reject(new Error(`runInWorkerPool: the task failed on input ${reply.index}: ${reply.message}`));
          return;
        }
        results[reply.index] = reply.value as O;
        finished += 1;
        if (finished === inputs.length) settled.resolve();
        else handOut(worker);
      });
      // An error outside any job (the worker file itself failed to load, or
      // threw) or a worker that dies: without these the call would wait forever.
      worker.on("error", (error) => settled.reject(error));
      worker.on("exit", (code) => settled.reject(new Error(`runInWorkerPool: a worker exited early (exit code ${code})`)));
      handOut(worker);
    }
    await settled.promise;
    return results;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    // terminate() resolves once the worker's `exit` event has fired. Whatever
    // the outcome, no thread outlives the call.
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** A module specifier the worker can import: a URL, whatever form it came in. */
function moduleUrl(taskModule: string | URL): string {
  if (taskModule instanceof URL) return taskModule.href;
  // Test the scheme, not `URL.canParse`: "C:\\tasks\\x.ts" parses as a URL with scheme "c:".
  if (taskModule.startsWith("file:")) return new URL(taskModule).href;
  return pathToFileURL(path.resolve(taskModule)).href;
}

// Another right way: on success the workers are not terminated but told there
// is no more work, and the pool waits for each `exit` event. terminate() is
// kept for failures and aborts, where a busy worker must be stopped mid-task.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Job, PoolWorkerData, Reply } from "./pool-worker.ts";

/**
 * Runs the default export of `taskModule` on every input, on a pool of
 * `options.threads` worker threads, and resolves with the results in input order.
 * (Contract: see the reference.)
 */
export async function runInWorkerPool<I, O>(taskModule: string | URL, inputs: I[], options: { threads: number; signal?: AbortSignal }): Promise<O[]> {
  const { threads, signal } = options;
  if (!(Number.isSafeInteger(threads) && threads > 0)) throw new RangeError(`threads must be a positive integer, not ${threads}`);
  if (signal?.aborted) throw signal.reason;

  const url =
    typeof taskModule !== "string" ? taskModule : taskModule.startsWith("file:") ? new URL(taskModule) : pathToFileURL(path.resolve(taskModule));
  const workerData: PoolWorkerData = { taskUrl: url.href };
  const results: O[] = [];
  const pending = inputs.map((input, index): Job => ({ index, input })).reverse();
  let outstanding = inputs.length;
  const done = Promise.withResolvers<void>();
  if (outstanding === 0) done.resolve();

  const pool = Array.from({ length: Math.min(threads, inputs.length) }, () => {
    const worker = new Worker(new URL("./pool-worker.ts", import.meta.url), { workerData });
    let busy = false;
    const exited = new Promise<number>((resolve) => worker.once("exit", resolve));
    const feed = () => {
      const job = pending.pop();
      busy = job !== undefined;
      worker.postMessage(job ?? null);
    };
    worker.on("message", (reply: Reply) => {
      if (!reply.ok) return done.reject(new Error(`input ${reply.index}: ${reply.message}`));
      results[reply.index] = reply.value as O;
      outstanding -= 1;
      if (outstanding === 0) done.resolve();
      feed();
    });
    worker.on("error", (error) => done.reject(error));
    worker.on("exit", (code) => {
      if (busy) done.reject(new Error(`a worker stopped with exit code ${code} in the middle of a task`));
    });
    feed();
    return { worker, exited };
  });

  const abort = () => done.reject(signal?.reason);
  signal?.addEventListener("abort", abort);
  try {
    await done.promise;
  } catch (error) {
    for (const { worker } of pool) void worker.terminate();
    throw error;
  } finally {
    signal?.removeEventListener("abort", abort);
    // Every worker ends: on its own after its `null` job, or terminated above.
    await Promise.all(pool.map(({ exited }) => exited));
  }
  return results;
}

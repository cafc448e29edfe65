// Another right way: no worker file at all. The worker's code is a string,
// run with `eval: true`, so nothing has to sit next to this file (a chain of
// src/ folders, a bundler, a single-file deployment: none can lose it). The
// price: the string is plain JavaScript that no type checker or editor sees.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

// ES module syntax in an eval'd worker: Node detects it (it has `import`).
const WORKER_CODE = `
import { parentPort, workerData } from "node:worker_threads";
const task = import(workerData.taskUrl).then((module) => {
  if (typeof module.default !== "function") throw new TypeError(workerData.taskUrl + " has no default export that is a function");
  return module.default;
});
parentPort.on("message", async ({ index, input }) => {
  try {
    parentPort.postMessage({ index, ok: true, value: await (await task)(input) });
  } catch (error) {
    parentPort.postMessage({ index, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
`;

type Reply = { index: number; ok: true; value: unknown } | { index: number; ok: false; message: string };

/**
 * Runs the default export of `taskModule` on every input, on a pool of
 * `options.threads` worker threads, and resolves with the results in input order.
 * (Contract: see the reference.)
 */
export async function runInWorkerPool<I, O>(taskModule: string | URL, inputs: I[], options: { threads: number; signal?: AbortSignal }): Promise<O[]> {
  const { threads, signal } = options;
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`runInWorkerPool: threads must be a positive integer, got ${threads}`);
  }
  signal?.throwIfAborted();
  if (inputs.length === 0) return [];

  const taskUrl =
    taskModule instanceof URL ? taskModule.href : taskModule.startsWith("file:") ? taskModule : pathToFileURL(path.resolve(taskModule)).href;
  const results = new Array<O>(inputs.length);
  const { promise, resolve, reject } = Promise.withResolvers<void>();
  const workers: Worker[] = [];
  let next = 0;
  let finished = 0;

  const handOut = (worker: Worker) => {
    if (next < inputs.length) {
      worker.postMessage({ index: next, input: inputs[next] });
      next += 1;
    }
  };
  const onAbort = () => reject(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for (let i = 0; i < Math.min(threads, inputs.length); i += 1) {
      const worker = new Worker(WORKER_CODE, { eval: true, workerData: { taskUrl } });
      workers.push(worker);
      worker.on("message", (reply: Reply) => {
        if (!reply.ok) return reject(new Error(`task failed on input ${reply.index}: ${reply.message}`));
        results[reply.index] = reply.value as O;
        finished += 1;
        if (finished === inputs.length) resolve();
        else handOut(worker);
      });
      worker.on("error", reject);
      worker.on("exit", (code) => reject(new Error(`a worker exited early (exit code ${code})`)));
      handOut(worker);
    }
    await promise;
    return results;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

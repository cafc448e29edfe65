// The worker side of the pool. Node itself runs this file in each worker
// thread (not the test runner, not a bundler), stripping its types on the
// way: so it may use only erasable TypeScript, and it must sit next to
// run-in-worker-pool.ts, which finds it by `new URL("./pool-worker.ts", import.meta.url)`.
import { parentPort, workerData } from "node:worker_threads";

/** What the pool sends a worker: one input, and where its result belongs. */
export interface Job {
  index: number;
  input: unknown;
}

/** What a worker sends back for each job. */
export type Reply = { index: number; ok: true; value: unknown } | { index: number; ok: false; message: string };

/** What the pool passes to every worker when it starts it. */
export interface PoolWorkerData {
  taskUrl: string;
}

const port = parentPort!;
const { taskUrl } = workerData as PoolWorkerData;

// Imported once per worker, when it starts, not once per input: the module
// cache would make later imports cheap anyway, but a failure to load it
// belongs to every job, so every job awaits the same promise.
const task = import(taskUrl).then((module: { default?: unknown }) => {
  if (typeof module.default !== "function") {
    throw new TypeError(`${taskUrl} has no default export that is a function`);
  }
  return module.default as (input: unknown) => unknown;
});

port.on("message", async ({ index, input }: Job) => {
  try {
    const value = await (await task)(input);
    // Inside the try: a result that cannot be cloned (a function, a promise)
    // makes postMessage throw, and that too is this job's failure.
    port.postMessage({ index, ok: true, value } satisfies Reply);
  } catch (error) {
    // Only the message crosses over reliably: an Error's own fields are not
    // enumerable (so `{ ...error }` is `{}`), and a thrown value need not be an Error.
    const message = error instanceof Error ? error.message : String(error);
    port.postMessage({ index, ok: false, message } satisfies Reply);
  }
});

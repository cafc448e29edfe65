// The worker side of the pool. Node itself runs this file in each worker
// thread (not the test runner), stripping its types on the way: so it may use
// only erasable TypeScript (no `enum`, no `namespace`, no parameter
// properties), and it must stay next to run-in-worker-pool.ts, which finds it
// by `new URL("./pool-worker.ts", import.meta.url)`.
import { parentPort, workerData } from "node:worker_threads";

/** What the pool sends a worker: one input, and where its result belongs. */
export interface Job {
  index: number;
  input: unknown;
}

/** What a worker sends back for each job. */
export type Reply = { index: number; ok: true; value: unknown } | { index: number; ok: false; message: string };

/** What the pool passes to every worker when it starts it (`workerData`). */
export interface PoolWorkerData {
  taskUrl: string;
}

// TODO: import the task module at workerData.taskUrl; for each Job from parentPort, run its default export and post a Reply.
throw new Error("TODO: implement the worker side in src/pool-worker.ts");

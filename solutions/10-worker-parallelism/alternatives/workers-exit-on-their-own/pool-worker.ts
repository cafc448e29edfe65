// Another right way, worker side: a `null` job means "no more work", and the
// worker closes its port, which leaves its event loop empty: the thread ends
// by itself, with exit code 0, like a program that has run out of things to do.
import { parentPort, workerData } from "node:worker_threads";

export interface Job {
  index: number;
  input: unknown;
}

export type Reply = { index: number; ok: true; value: unknown } | { index: number; ok: false; message: string };

export interface PoolWorkerData {
  taskUrl: string;
}

const port = parentPort!;
const { taskUrl } = workerData as PoolWorkerData;

port.on("message", async (job: Job | null) => {
  if (job === null) {
    port.close();
    return;
  }
  try {
    const module = (await import(taskUrl)) as { default: (input: unknown) => unknown };
    port.postMessage({ index: job.index, ok: true, value: await module.default(job.input) } satisfies Reply);
  } catch (error) {
    port.postMessage({ index: job.index, ok: false, message: String(error instanceof Error ? error.message : error) } satisfies Reply);
  }
});

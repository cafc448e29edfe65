export { runInWorkerPool } from "./run-in-worker-pool.ts";

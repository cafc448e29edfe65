export { sleep } from "./sleep.ts";
export { worker } from "./worker.ts";
export { runWorkers } from "./run-workers.ts";
export { gather } from "./gather.ts";
export { lazy } from "./lazy.ts";

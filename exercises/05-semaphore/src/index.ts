export { Semaphore } from "./semaphore.ts";
export { mapConcurrent } from "./map-concurrent.ts";

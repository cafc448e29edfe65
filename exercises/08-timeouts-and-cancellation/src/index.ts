export { TimeoutError, CancelledError } from "./errors.ts";
export type { Task, TaskState } from "./task.ts";
export { withTimeout } from "./with-timeout.ts";
export { createTask } from "./create-task.ts";
export { firstOf } from "./first-of.ts";

export { QueueClosedError } from "./queue-closed-error.ts";
export type { PipelineOptions, PipelineResult } from "./pipeline-types.ts";
export { AsyncQueue } from "./async-queue.ts";
export { runPipeline } from "./run-pipeline.ts";

import { AsyncQueue } from "./async-queue.ts";
import type { PipelineOptions, PipelineResult } from "./pipeline-types.ts";

/**
 * Runs `producers` and `consumers` around one `AsyncQueue` of `maxSize` items
 * (see ./async-queue.ts), and resolves once every item produced has been
 * handled, exactly once.
 *
 * - `consumerId` runs from 0 to `consumers - 1` and indexes `perConsumer`.
 * - At most `consumers` handlers run at once; producers wait while the queue is full.
 * - Shutting down must not lose an item, whether there are more producers
 *   than consumers or fewer.
 * - A handler's error rejects the call with that error and stops the rest:
 *   no more items are taken from the producers, no new handler starts.
 * - `consumers` or `maxSize` not a positive integer: rejects with a `RangeError`, before any work.
 */
export async function runPipeline<T>(options: PipelineOptions<T>): Promise<PipelineResult> {
  // TODO: start the consumers and producers around one queue; close it once every producer is done.
  throw new Error("TODO: implement runPipeline in src/run-pipeline.ts");
}

// Wrong: on a handler's error it only closes the queue, trusting that to stop
// everybody. It does stop the producers (put rejects once closed), but a
// closed queue still hands out what it holds: the other consumers go on
// starting handlers for those items after the pipeline has already failed.
import { AsyncQueue } from "./async-queue.ts";
import type { PipelineOptions, PipelineResult } from "./pipeline-types.ts";

export async function runPipeline<T>(options: PipelineOptions<T>): Promise<PipelineResult> {
  const { producers, consumers, maxSize, handle } = options;
  if (!Number.isInteger(consumers) || consumers < 1) throw new RangeError(`consumers must be a positive integer, got ${consumers}`);
  if (!Number.isInteger(maxSize) || maxSize < 1) throw new RangeError(`maxSize must be a positive integer, got ${maxSize}`);

  const queue = new AsyncQueue<T>(maxSize);
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown) => {
    failure ??= { error };
    queue.close();
  };

  let produced = 0;
  const perConsumer = Array.from({ length: consumers }, () => 0);

  const produce = async (source: () => AsyncIterable<T> | Iterable<T>) => {
    try {
      for await (const item of source()) {
        await queue.put(item);
        produced++;
      }
    } catch (error) {
      fail(error);
    }
  };

  const consume = async (consumerId: number) => {
    try {
      for await (const item of queue) {
        await handle(item, consumerId);
        perConsumer[consumerId]!++;
      }
    } catch (error) {
      fail(error);
    }
  };

  const consuming = Array.from({ length: consumers }, (_, id) => consume(id));
  await Promise.all(producers.map(produce));
  queue.close();
  await Promise.all(consuming);
  if (failure) throw failure.error;
  const consumed = perConsumer.reduce((sum, n) => sum + n, 0);
  return { produced, consumed, perConsumer };
}

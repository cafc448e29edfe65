// Wrong: on a handler's error it rejects at once and stops the consumers, but
// forgets the producers: their put() has no signal and the queue stays open,
// so they keep pulling items from their sources (an endless feed, a
// database cursor…) until the queue is full, then wait there forever.
import { AsyncQueue } from "./async-queue.ts";
import { QueueClosedError } from "./queue-closed-error.ts";
import type { PipelineOptions, PipelineResult } from "./pipeline-types.ts";

export async function runPipeline<T>(options: PipelineOptions<T>): Promise<PipelineResult> {
  const { producers, consumers, maxSize, handle } = options;
  if (!Number.isInteger(consumers) || consumers < 1) throw new RangeError(`consumers must be a positive integer, got ${consumers}`);
  if (!Number.isInteger(maxSize) || maxSize < 1) throw new RangeError(`maxSize must be a positive integer, got ${maxSize}`);

  const queue = new AsyncQueue<T>(maxSize);
  const stop = new AbortController();
  const { signal } = stop;
  const failed = new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }));
  failed.catch(() => {});

  let produced = 0;
  const perConsumer = Array.from({ length: consumers }, () => 0);

  const produce = async (source: () => AsyncIterable<T> | Iterable<T>) => {
    for await (const item of source()) {
      await queue.put(item);
      produced++;
    }
  };

  const consume = async (consumerId: number) => {
    try {
      while (true) {
        const item = await queue.get({ signal });
        signal.throwIfAborted();
        await handle(item, consumerId);
        perConsumer[consumerId]!++;
      }
    } catch (error) {
      if (error instanceof QueueClosedError && !signal.aborted) return;
      if (!signal.aborted) stop.abort(error);
    }
  };

  const everything = (async () => {
    const consuming = Array.from({ length: consumers }, (_, id) => consume(id));
    await Promise.all(producers.map(produce));
    queue.close();
    await Promise.all(consuming);
  })();
  await Promise.race([everything, failed]);
  const consumed = perConsumer.reduce((sum, n) => sum + n, 0);
  return { produced, consumed, perConsumer };
}

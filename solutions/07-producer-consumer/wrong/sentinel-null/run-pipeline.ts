// Wrong: each producer puts one `null` when it is done, and a consumer stops at
// the first `null` it gets (the usual asyncio example's shutdown). That only
// works when there are exactly as many producers as consumers: with more
// producers, a consumer stops while other producers still have items (they
// are never handled, or the producers wait forever for room); with more
// consumers, some never get a `null` and wait forever.
import { AsyncQueue } from "./async-queue.ts";
import type { PipelineOptions, PipelineResult } from "./pipeline-types.ts";

export async function runPipeline<T>(options: PipelineOptions<T>): Promise<PipelineResult> {
  const { producers, consumers, maxSize, handle } = options;
  if (!Number.isInteger(consumers) || consumers < 1) throw new RangeError(`consumers must be a positive integer, got ${consumers}`);
  if (!Number.isInteger(maxSize) || maxSize < 1) throw new RangeError(`maxSize must be a positive integer, got ${maxSize}`);

  const queue = new AsyncQueue<T | null>(maxSize);
  const stop = new AbortController();
  const { signal } = stop;
  const fail = (error: unknown) => {
    if (signal.aborted) return;
    stop.abort(error);
    queue.close();
  };

  let produced = 0;
  const perConsumer = Array.from({ length: consumers }, () => 0);

  const produce = async (source: () => AsyncIterable<T> | Iterable<T>) => {
    try {
      for await (const item of source()) {
        await queue.put(item, { signal });
        produced++;
      }
      await queue.put(null, { signal }); // "this producer is done"
    } catch (error) {
      fail(error);
    }
  };

  const consume = async (consumerId: number) => {
    try {
      while (true) {
        const item = await queue.get({ signal });
        signal.throwIfAborted();
        if (item === null) return; // taken to mean "no more work"
        await handle(item, consumerId);
        perConsumer[consumerId]!++;
      }
    } catch (error) {
      fail(error);
    }
  };

  await Promise.all([...producers.map(produce), ...Array.from({ length: consumers }, (_, id) => consume(id))]);
  if (signal.aborted) throw signal.reason;
  const consumed = perConsumer.reduce((sum, n) => sum + n, 0);
  return { produced, consumed, perConsumer };
}

// Right, another way: on the first error this rejects at once, instead of
// waiting (as the reference does) for the handlers still running to finish.
// Both stop everything else; this one lets the caller react sooner, the
// reference guarantees no handler is still running once the call settles.
import { AsyncQueue } from "./async-queue.ts";
import { QueueClosedError } from "./queue-closed-error.ts";
import type { PipelineOptions, PipelineResult } from "./pipeline-types.ts";

export async function runPipeline<T>({ producers, consumers, maxSize, handle }: PipelineOptions<T>): Promise<PipelineResult> {
  if (!Number.isInteger(consumers) || consumers < 1) throw new RangeError(`consumers must be a positive integer, got ${consumers}`);
  if (!Number.isInteger(maxSize) || maxSize < 1) throw new RangeError(`maxSize must be a positive integer, got ${maxSize}`);

  const queue = new AsyncQueue<T>(maxSize);
  const stop = new AbortController();
  const { signal } = stop;
  const failed = new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }));
  failed.catch(() => {}); // observed by the race below; this only keeps it from counting as unhandled
  const fail = (error: unknown) => {
    if (signal.aborted) return;
    stop.abort(error);
    queue.close();
  };

  let produced = 0;
  const perConsumer: number[] = new Array(consumers).fill(0);

  async function produce(source: () => AsyncIterable<T> | Iterable<T>) {
    for await (const item of source()) {
      await queue.put(item, { signal });
      produced++;
    }
  }

  async function consume(consumerId: number) {
    for (;;) {
      let item: T;
      try {
        item = await queue.get({ signal });
      } catch (error) {
        if (error instanceof QueueClosedError) return;
        throw error;
      }
      if (signal.aborted) return;
      await handle(item, consumerId);
      perConsumer[consumerId]! += 1;
    }
  }

  const everything = (async () => {
    const consuming = Array.from({ length: consumers }, (_, id) => consume(id).catch(fail));
    await Promise.all(producers.map((source) => produce(source).catch(fail)));
    queue.close();
    await Promise.all(consuming);
  })();
  await Promise.race([everything, failed]);
  return { produced, consumed: perConsumer.reduce((a, b) => a + b, 0), perConsumer };
}

// Wrong: the consumer starts the handler without awaiting it and goes straight
// back for the next item. Nothing limits how many handlers run at once, and
// runPipeline resolves before the last handlers have finished.
import { AsyncQueue } from "./async-queue.ts";
import { QueueClosedError } from "./queue-closed-error.ts";
import type { PipelineOptions, PipelineResult } from "./pipeline-types.ts";

export async function runPipeline<T>(options: PipelineOptions<T>): Promise<PipelineResult> {
  const { producers, consumers, maxSize, handle } = options;
  // Inside an async function a throw is a rejection, and it happens before
  // any producer is called.
  if (!Number.isInteger(consumers) || consumers < 1) throw new RangeError(`consumers must be a positive integer, got ${consumers}`);
  if (!Number.isInteger(maxSize) || maxSize < 1) throw new RangeError(`maxSize must be a positive integer, got ${maxSize}`);

  const queue = new AsyncQueue<T>(maxSize);
  // One signal stops everybody on the first failure: producers waiting to put
  // and consumers waiting to get are released at once, and a get with an
  // aborted signal refuses even the items still in the queue.
  const stop = new AbortController();
  const { signal } = stop;
  const fail = (error: unknown) => {
    if (signal.aborted) return; // the first error is the one reported
    stop.abort(error);
    queue.close();
  };

  let produced = 0;
  const perConsumer = Array.from({ length: consumers }, () => 0);

  const produce = async (source: () => AsyncIterable<T> | Iterable<T>) => {
    try {
      // for await takes sync iterables too. Leaving the loop early (a put
      // rejected because we stopped) calls the iterator's return(), so a
      // generator is not asked for another item.
      for await (const item of source()) {
        await queue.put(item, { signal });
        produced++;
      }
    } catch (error) {
      fail(error);
    }
  };

  const consume = async (consumerId: number) => {
    try {
      while (true) {
        const item = await queue.get({ signal });
        // The item may have been handed over in the same tick as a failure
        // elsewhere: starting a handler now would be work after the stop.
        signal.throwIfAborted();
        handle(item, consumerId).then(() => perConsumer[consumerId]!++, fail);
      }
    } catch (error) {
      // Closed and empty is how consumers learn there is no more work: unlike
      // one sentinel per producer, it reaches every consumer whatever the
      // numbers, and only after every item put has been taken.
      if (error instanceof QueueClosedError && !signal.aborted) return;
      fail(error);
    }
  };

  const consuming = Array.from({ length: consumers }, (_, id) => consume(id));
  await Promise.all(producers.map(produce));
  queue.close();
  // Wait for every consumer, not just for the queue to empty: the last items
  // taken are still being handled. On failure this also means runPipeline
  // settles only once no handler it started is still running.
  await Promise.all(consuming);

  if (signal.aborted) throw signal.reason;
  const consumed = perConsumer.reduce((sum, n) => sum + n, 0);
  return { produced, consumed, perConsumer };
}

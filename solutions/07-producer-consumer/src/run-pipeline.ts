import { AsyncQueue } from "./async-queue.ts";
import { QueueClosedError } from "./queue-closed-error.ts";
import type { PipelineOptions, PipelineResult } from "./pipeline-types.ts";

export async function runPipeline<T>(options: PipelineOptions<T>): Promise<PipelineResult> {
  const { producers, consumers, maxSize, handle } = options;
  // Inside an async function a throw is a rejection, and it happens before
  // any producer is called.
  if (!Number.isInteger(consumers) || consumers < 1) throw new RangeError(`consumers must be a positive integer, got ${consumers}`);
  // Stryker disable next-line ConditionalExpression,LogicalOperator,CallExpression: AsyncQueue's constructor, called next and before any producer, refuses the same values with a RangeError; only Infinity differs, which the contract leaves open here
  if (!Number.isInteger(maxSize) || maxSize < 1) throw new RangeError(`maxSize must be a positive integer, got ${maxSize}`);

  const queue = new AsyncQueue<T>(maxSize);
  // One signal stops everybody on the first failure: producers waiting to put
  // and consumers waiting to get are released at once, and a get with an
  // aborted signal refuses even the items still in the queue.
  const stop = new AbortController();
  const { signal } = stop;
  const fail = (error: unknown) => {
    // Stryker disable next-line ConditionalExpression: a second abort() keeps the first reason, and a second close() does nothing
    if (signal.aborted) return; // the first error is the one reported
    stop.abort(error);
    // Stryker disable next-line CallExpression: the abort already releases every put and get waiting (they all pass signal), and the queue is closed once the producers are done
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
        // Stryker disable next-line ObjectLiteral: a put waiting when the pipeline fails is released by fail()'s close() as well, and its error is then dropped (the first one is reported)
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
        // Stryker disable next-line ObjectLiteral: without the signal, a waiting get is released by fail()'s close(), and an item it still takes is refused by the check below
        const item = await queue.get({ signal });
        // The item may have been handed over in the same tick as a failure
        // elsewhere: starting a handler now would be work after the stop.
        // Stryker disable next-line CallExpression: get({ signal }) already refuses items once aborted; this only covers an item handed over in the very turn of the failure, which no timer can reach
        signal.throwIfAborted();
        await handle(item, consumerId);
        perConsumer[consumerId]!++;
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

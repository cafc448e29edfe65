// Wrong: the function is async and awaits a real yield, so it looks
// cooperative, but the whole sum is computed in one go before that single
// yield: for all that time the event loop is as frozen as with the sync version.
import { sumOfSquaresSync } from "./sum-of-squares-sync.ts";
import { yieldToEventLoop } from "./yield-to-event-loop.ts";

export async function sumOfSquares(n: number, options: { chunkSize?: number; signal?: AbortSignal } = {}): Promise<bigint> {
  const { chunkSize = 10_000, signal } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  signal?.throwIfAborted();
  const sum = sumOfSquaresSync(n);
  await yieldToEventLoop();
  signal?.throwIfAborted();
  return sum;
}

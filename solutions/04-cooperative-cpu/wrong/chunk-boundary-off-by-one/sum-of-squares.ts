// Wrong: each chunk runs from `start` to `start + chunkSize` inclusive, so the
// last index of one chunk is also the first of the next: it is counted twice.
// Splitting a loop into chunks is where such fencepost errors creep in.
import { yieldToEventLoop } from "./yield-to-event-loop.ts";

export async function sumOfSquares(n: number, options: { chunkSize?: number; signal?: AbortSignal } = {}): Promise<bigint> {
  const { chunkSize = 10_000, signal } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  signal?.throwIfAborted();
  let sum = 0n;
  for (let start = 0; start < n; start += chunkSize) {
    for (let i = start; i <= start + chunkSize && i < n; i++) {
      const big = BigInt(i);
      sum += big * big;
    }
    await yieldToEventLoop();
    signal?.throwIfAborted();
  }
  return sum;
}

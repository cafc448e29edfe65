// Wrong: the signal is checked once, before the work starts. An abort that
// comes later (the usual case: a timeout, a user who gives up) is never seen.
import { yieldToEventLoop } from "./yield-to-event-loop.ts";

export async function sumOfSquares(n: number, options: { chunkSize?: number; signal?: AbortSignal } = {}): Promise<bigint> {
  const { chunkSize = 10_000, signal } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  signal?.throwIfAborted();
  let sum = 0n;
  for (let start = 0; start < n; start += chunkSize) {
    const end = Math.min(start + chunkSize, n);
    for (let i = start; i < end; i++) {
      const big = BigInt(i);
      sum += big * big;
    }
    await yieldToEventLoop();
  }
  return sum;
}

// Wrong: it chunks and yields properly, but never looks at the signal, so an
// abort changes nothing: the caller waits for (and pays for) the whole sum.
import { yieldToEventLoop } from "./yield-to-event-loop.ts";

export async function sumOfSquares(n: number, options: { chunkSize?: number; signal?: AbortSignal } = {}): Promise<bigint> {
  const { chunkSize = 10_000 } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
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

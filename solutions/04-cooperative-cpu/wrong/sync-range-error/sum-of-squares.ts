// Wrong: without `async`, the RangeError is thrown synchronously by the call
// itself instead of rejecting the promise it returns, so a caller who writes
// `sumOfSquares(n, opts).catch(…)` never gets to its catch.
import { yieldToEventLoop } from "./yield-to-event-loop.ts";

export function sumOfSquares(n: number, options: { chunkSize?: number; signal?: AbortSignal } = {}): Promise<bigint> {
  const { chunkSize = 10_000, signal } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  return (async () => {
    signal?.throwIfAborted();
    let sum = 0n;
    for (let start = 0; start < n; start += chunkSize) {
      const end = Math.min(start + chunkSize, n);
      for (let i = start; i < end; i++) {
        const big = BigInt(i);
        sum += big * big;
      }
      await yieldToEventLoop();
      signal?.throwIfAborted();
    }
    return sum;
  })();
}

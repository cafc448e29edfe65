// Wrong: the returned promise rejects the moment the signal aborts, which looks
// right from outside, but the loop itself never checks the signal: it goes on
// computing (and taking turns of the event loop) for nobody until the end.
import { yieldToEventLoop } from "./yield-to-event-loop.ts";

export function sumOfSquares(n: number, options: { chunkSize?: number; signal?: AbortSignal } = {}): Promise<bigint> {
  const { chunkSize = 10_000, signal } = options;
  return new Promise<bigint>((resolve, reject) => {
    if (!Number.isInteger(chunkSize) || chunkSize < 1) {
      reject(new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`));
      return;
    }
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
    (async () => {
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
    })().then(resolve, reject);
  });
}

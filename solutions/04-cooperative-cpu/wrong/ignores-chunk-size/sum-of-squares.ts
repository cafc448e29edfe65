// Wrong: chunkSize is validated but then the loop uses the default anyway, so a
// caller who needs shorter pauses (or longer chunks) gets 10 000 every time.
import { yieldToEventLoop } from "./yield-to-event-loop.ts";

const CHUNK = 10_000;

export async function sumOfSquares(n: number, options: { chunkSize?: number; signal?: AbortSignal } = {}): Promise<bigint> {
  const { chunkSize = CHUNK, signal } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  signal?.throwIfAborted();
  let sum = 0n;
  for (let i = 0; i < n; i++) {
    const big = BigInt(i);
    sum += big * big;
    if ((i + 1) % CHUNK === 0) {
      await yieldToEventLoop();
      signal?.throwIfAborted();
    }
  }
  return sum;
}

import { yieldToEventLoop } from "./yield-to-event-loop.ts";

export async function sumOfSquares(n: number, options: { chunkSize?: number; signal?: AbortSignal } = {}): Promise<bigint> {
  const { chunkSize = 10_000, signal } = options;
  // In an async function a throw becomes a rejection, so a caller who only
  // awaits (or .catch()es) the promise still sees the bad argument.
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  // Nothing else runs while this function runs, so the signal can only change
  // before the start or while we are yielded: those are the places to check.
  // throwIfAborted() throws signal.reason itself, whatever the caller put there.
  signal?.throwIfAborted();
  let sum = 0n;
  // Stryker disable next-line EqualityOperator: <= only adds an empty last chunk, one more turn of the loop; the contract asks for about one turn per chunk (one more or less, as yielding first would give)
  for (let start = 0; start < n; start += chunkSize) {
    const end = Math.min(start + chunkSize, n);
    for (let i = start; i < end; i++) {
      const big = BigInt(i);
      sum += big * big;
    }
    // One chunk is as long as the loop is ever frozen: give it a turn so that
    // timers, I/O and other callers (and whoever wants to abort us) can run.
    await yieldToEventLoop();
    signal?.throwIfAborted();
  }
  return sum;
}

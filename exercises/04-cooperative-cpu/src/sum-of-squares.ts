/**
 * Computes the same sum as `sumOfSquaresSync(n)` (Σ i² for 0 ≤ i < n), but in
 * chunks of `chunkSize` iterations (default 10 000), yielding to the event loop
 * after every chunk so that timers, I/O and other work keep running meanwhile.
 *
 * `signal`, if given, stops the work: once it aborts, the call rejects with
 * `signal.reason` within one chunk. A `chunkSize` that is not a positive
 * integer rejects with a `RangeError`.
 */
export async function sumOfSquares(n: number, options?: { chunkSize?: number; signal?: AbortSignal }): Promise<bigint> {
  // TODO: sum chunk by chunk, yielding to the event loop and checking the signal between chunks.
  throw new Error("TODO: implement sumOfSquares in src/sum-of-squares.ts");
}

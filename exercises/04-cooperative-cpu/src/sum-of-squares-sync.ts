/**
 * Given: Σ i² for 0 ≤ i < n, computed in one go.
 *
 * It never gives the event loop a turn while it runs: for a large `n`, every
 * timer, I/O callback and other request waits until it returns. That is the
 * problem `sumOfSquares` solves.
 */
export function sumOfSquaresSync(n: number): bigint {
  let sum = 0n;
  for (let i = 0; i < n; i++) {
    const big = BigInt(i);
    sum += big * big;
  }
  return sum;
}

/**
 * Calls `fn` until it succeeds, waiting longer and longer between attempts
 * (exponential backoff), and resolves with the first value it resolves with.
 *
 * - Attempt 1 starts at once. `fn(attempt, signal)` gets the attempt number
 *   (1, 2, 3, …) and a signal that aborts when `options.signal` does.
 * - After attempt k fails, wait `min(maxDelayMs, baseDelayMs · factor^(k−1))`
 *   before attempt k+1 (`factor` 2 and no cap by default). With
 *   `jitter: "full"`, that capped delay is multiplied by `random()` (default
 *   `Math.random`), called once per wait.
 * - `retries` counts the retries, not the attempts: at most `retries + 1`
 *   attempts. After the last one fails, reject with its error.
 * - `shouldRetry(error, attempt)` returning `false` rejects at once with that error.
 * - If `options.signal` aborts, reject at once with `signal.reason` and make no
 *   further attempt; a wait in progress is cut short and its timer cleared.
 *   Nothing is left behind: no timer, no listener on the signal.
 * - `retries` or `baseDelayMs` negative or `NaN` rejects with a `RangeError`
 *   before any attempt.
 */
export async function retry<T>(
  fn: (attempt: number, signal: AbortSignal) => Promise<T>,
  options: {
    retries: number;
    baseDelayMs: number;
    factor?: number;
    maxDelayMs?: number;
    jitter?: "none" | "full";
    random?: () => number;
    shouldRetry?: (error: unknown, attempt: number) => boolean;
    signal?: AbortSignal;
  },
): Promise<T> {
  // TODO: attempt, and after each failure wait the backoff delay (abortably) before the next attempt.
  throw new Error("TODO: implement retry in src/retry.ts");
}

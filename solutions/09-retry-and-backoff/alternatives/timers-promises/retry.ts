// Right, another way: the waits use setTimeout from node:timers/promises, with { signal }.
import { setTimeout as delay } from "node:timers/promises";

/**
 * Waits `ms`, or rejects with `signal.reason` the moment `signal` aborts.
 * node:timers/promises already clears its timer and removes its listener;
 * only its rejection needs translating, from its own AbortError to the reason.
 */
export async function wait(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    throw signal?.aborted ? signal.reason : error;
  }
}

/** `!(x >= 0)` is true for negatives and for NaN, which every comparison answers with false. */
export function mustBeNonNegative(name: string, value: number): void {
  if (!(value >= 0)) throw new RangeError(`${name} must be a number >= 0, got ${value}`);
}

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
  const {
    retries,
    baseDelayMs,
    factor = 2,
    maxDelayMs = Infinity,
    jitter = "none",
    random = Math.random,
    shouldRetry = () => true,
    signal,
  } = options;
  // Inside an async function a throw is a rejection, and it comes before any attempt.
  mustBeNonNegative("retries", retries);
  mustBeNonNegative("baseDelayMs", baseDelayMs);
  // fn always gets a signal to pass on (to fetch, say); without the caller's,
  // one that never aborts.
  const attemptSignal = signal ?? new AbortController().signal;

  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await fn(attempt, attemptSignal);
    } catch (error) {
      // The caller gave up: that is not a failure worth another attempt.
      signal?.throwIfAborted();
      // `retries` counts the attempts after the first one: attempt k may be
      // followed by another only while k <= retries.
      if (attempt > retries || !shouldRetry(error, attempt)) throw error;
    }
    // The first wait is baseDelayMs itself (factor^0), then it grows. The cap
    // comes first and the jitter after: jittering first would let a capped
    // delay come out at the cap every time, and the retries would bunch up again.
    const capped = Math.min(maxDelayMs, baseDelayMs * factor ** (attempt - 1));
    await wait(jitter === "full" ? capped * random() : capped, signal);
  }
}

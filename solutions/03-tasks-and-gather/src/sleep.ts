export function sleep(ms: number, options: { signal?: AbortSignal } = {}): Promise<void> {
  const { signal } = options;
  // An already-aborted signal never fires "abort" again: check it up front, or
  // the sleep would run its full length.
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      // A cleared timer cannot keep the process (or a test's clock) busy for
      // nothing; rejecting alone would leave it pending until it fired.
      clearTimeout(timer);
      // Stryker disable next-line OptionalChaining: onAbort only ever runs as a listener of signal, so signal is there
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      // A long-lived signal may be passed to thousands of sleeps: each one
      // must take its listener back, or they pile up on the signal.
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    // `once` removes the listener when it fires, so the abort path cleans up too.
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

// Wrong: on abort it rejects at once, which looks right, but forgets to clear
// the timer. The timer stays pending until it fires, for nothing: it keeps the
// process alive and, with many cancelled sleeps, piles up.
export function sleep(ms: number, options: { signal?: AbortSignal } = {}): Promise<void> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal?.reason);
    setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

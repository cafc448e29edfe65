// Wrong: the abort listener is added but never removed, neither when the timer
// fires nor when it runs. A signal shared by many sleeps (one per request, one
// per app) collects a listener per sleep, each holding its closure alive.
export function sleep(ms: number, options: { signal?: AbortSignal } = {}): Promise<void> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

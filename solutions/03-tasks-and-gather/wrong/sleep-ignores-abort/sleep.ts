// Wrong: the signal is accepted but never looked at, so an abort changes
// nothing: the sleep runs its full length and resolves as if all were well.
export function sleep(ms: number, options: { signal?: AbortSignal } = {}): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}

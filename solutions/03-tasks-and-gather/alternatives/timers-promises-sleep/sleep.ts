// Right, another way: node:timers/promises already clears its timer and removes
// its listener; only its rejection needs translating, from its own AbortError
// to signal.reason itself.
import { setTimeout as delay } from "node:timers/promises";

export async function sleep(ms: number, options: { signal?: AbortSignal } = {}): Promise<void> {
  const { signal } = options;
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
}

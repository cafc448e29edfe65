// Wrong: node:timers/promises does the timer and the listener right, but on
// abort it rejects with its own AbortError (the reason tucked away in `cause`),
// not with signal.reason itself. Callers that check what they aborted with
// (a TimeoutError, their own error) no longer recognise it.
import { setTimeout as delay } from "node:timers/promises";

export async function sleep(ms: number, options: { signal?: AbortSignal } = {}): Promise<void> {
  await delay(ms, undefined, { signal: options.signal });
}

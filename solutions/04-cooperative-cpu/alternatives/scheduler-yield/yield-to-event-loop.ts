// Also right: scheduler.yield() from node:timers/promises is a promise for the
// next turn of the loop (setImmediate underneath).
import { scheduler } from "node:timers/promises";

export function yieldToEventLoop(): Promise<void> {
  return scheduler.yield();
}

// Right too: node:timers/promises has the promise-returning timer built in.
import { setTimeout as sleep } from "node:timers/promises";

export async function pause(ms: number): Promise<void> {
  if (!(ms >= 0 && ms < Number.POSITIVE_INFINITY)) throw new RangeError(`pause(${ms}): ms must be a finite number >= 0`);
  await sleep(ms);
}

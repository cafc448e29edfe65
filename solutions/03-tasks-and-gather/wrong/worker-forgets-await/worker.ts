// Wrong: sleep() is called but not awaited, so nothing waits for it: "done" is
// logged and the result returned straight away. (In Python a forgotten await
// means the coroutine never runs; in JS the timer still runs, nobody waits.)
import { sleep } from "./sleep.ts";

export async function worker(name: string, delayMs: number, log: (line: string) => void): Promise<string> {
  log(`${name}: start`);
  void sleep(delayMs);
  log(`${name}: done`);
  return `${name} finished`;
}

import { sleep } from "./sleep.ts";

export async function worker(name: string, delayMs: number, log: (line: string) => void): Promise<string> {
  // Everything before the first await runs synchronously when worker() is
  // called, so "start" is logged the moment the worker is created.
  log(`${name}: start`);
  await sleep(delayMs);
  log(`${name}: done`);
  return `${name} finished`;
}

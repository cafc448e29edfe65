// Wrong: awaiting inside the loop means each worker is only called once the
// previous one has finished: 3 s + 1 s + 2 s = 6 s instead of 3 s.
import { worker } from "./worker.ts";

export async function runWorkers(specs: { name: string; delayMs: number }[], log: (line: string) => void): Promise<string[]> {
  const results: string[] = [];
  for (const { name, delayMs } of specs) {
    results.push(await worker(name, delayMs, log));
  }
  return results;
}

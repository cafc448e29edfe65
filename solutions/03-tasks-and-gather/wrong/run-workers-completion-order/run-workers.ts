// Wrong: the workers do run together, but each result is pushed when its
// worker finishes, so the list comes out in finishing order, not specs order.
import { worker } from "./worker.ts";

export async function runWorkers(specs: { name: string; delayMs: number }[], log: (line: string) => void): Promise<string[]> {
  const results: string[] = [];
  await Promise.all(specs.map(async ({ name, delayMs }) => results.push(await worker(name, delayMs, log))));
  return results;
}

import { worker } from "./worker.ts";

export async function runWorkers(specs: { name: string; delayMs: number }[], log: (line: string) => void): Promise<string[]> {
  // Promises are eager: map() calls every worker, so all of them are running
  // (and have logged their start) before the first await below.
  const running = specs.map(({ name, delayMs }) => worker(name, delayMs, log));
  // Promise.all keeps the order of `specs`, whatever order they finish in.
  return Promise.all(running);
}

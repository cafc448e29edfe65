// Right, another way: the workers as tasks for gather (our own asyncio.gather).
import { gather } from "./gather.ts";
import { worker } from "./worker.ts";

export async function runWorkers(specs: { name: string; delayMs: number }[], log: (line: string) => void): Promise<string[]> {
  // Without returnErrors, gather resolves only when every worker succeeded, so
  // every entry is a string.
  return (await gather(
    specs.map(
      ({ name, delayMs }) =>
        () =>
          worker(name, delayMs, log),
    ),
  )) as string[];
}

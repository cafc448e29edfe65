/**
 * Runs one `worker` (see ./worker.ts) per spec, all at the same time: every
 * worker starts before any of them finishes, so the whole run takes as long as
 * the longest delay. Resolves with the workers' results in the order of `specs`.
 */
export async function runWorkers(specs: { name: string; delayMs: number }[], log: (line: string) => void): Promise<string[]> {
  // TODO: start every worker first, then wait for them together.
  throw new Error("TODO: implement runWorkers in src/run-workers.ts");
}

/**
 * A worker that simulates a slow job: logs `"<name>: start"`, waits `delayMs`
 * (with `sleep` from ./sleep.ts), logs `"<name>: done"`, and resolves with
 * `"<name> finished"`.
 */
export async function worker(name: string, delayMs: number, log: (line: string) => void): Promise<string> {
  // TODO: log the start, await sleep(delayMs), log the end, return the result.
  throw new Error("TODO: implement worker in src/worker.ts");
}

/**
 * Runs every task at once and resolves with the value of the first to fulfil;
 * the others are no longer needed, so their signals are aborted.
 *
 * - A rejection never wins: a task that fails is only out of the running.
 * - The winner's signal is not aborted; every other task's is, the moment the
 *   winner fulfils.
 * - If every task rejects, rejects with an `AggregateError` whose `errors` are
 *   the tasks' errors in the order of `tasks` (not the order they failed in),
 *   once the last one has rejected.
 * - If `options.signal` aborts first, aborts every task's signal and rejects
 *   with `options.signal.reason`.
 * - With no tasks at all, rejects at once with an `AggregateError` with no
 *   errors (as `Promise.any([])` does).
 * - Once settled, no listener is left on `options.signal`.
 */
export async function firstOf<T>(tasks: Array<(signal: AbortSignal) => Promise<T>>, options?: { signal?: AbortSignal }): Promise<T> {
  // TODO: give each task a signal of its own; settle on the first fulfilment (or the last rejection), then abort the rest.
  throw new Error("TODO: implement firstOf in src/first-of.ts");
}

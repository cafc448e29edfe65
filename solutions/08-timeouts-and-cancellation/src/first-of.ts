import { CancelledError } from "./errors.ts";

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
export async function firstOf<T>(tasks: Array<(signal: AbortSignal) => Promise<T>>, options: { signal?: AbortSignal } = {}): Promise<T> {
  const { signal } = options;
  signal?.throwIfAborted();
  if (tasks.length === 0) throw new AggregateError([], "firstOf: there were no tasks to run");

  // One controller per task: aborting the losers must leave the winner alone.
  const controllers = tasks.map(() => new AbortController());
  const abortAll = (reason: unknown, except?: number) => {
    controllers.forEach((controller, index) => {
      if (index !== except) controller.abort(reason);
    });
  };
  // Stored by index, so the errors come out in task order whatever order they came in.
  // Stryker disable next-line ArrayDeclaration: the length only presizes the array; every index is assigned before the AggregateError is made
  const errors: unknown[] = new Array(tasks.length);
  let failed = 0;
  let done = false;
  let onAbort: (() => void) | undefined;
  try {
    return await new Promise<T>((resolve, reject) => {
      onAbort = () => {
        // Stryker disable next-line BooleanLiteral: after the abort every task is aborted and the promise rejected: a later fulfilment aborts nothing new, and resolve() or reject() on a settled promise is a no-op
        done = true;
        // Stryker disable next-line OptionalChaining: onAbort only ever runs as a listener of signal, so signal is there
        abortAll(signal?.reason);
        // Stryker disable next-line OptionalChaining: as above
        reject(signal?.reason);
      };
      // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts at most once, and the finally below removes the listener however the call ends
      signal?.addEventListener("abort", onAbort, { once: true });
      tasks.forEach((task, index) => {
        new Promise<T>((run) => run(task(controllers[index]!.signal))).then(
          (value) => {
            // A loser that ignores its signal may still fulfil later: it must not abort the winner.
            if (done) return;
            done = true;
            abortAll(new CancelledError("another task fulfilled first"), index);
            resolve(value);
          },
          (error: unknown) => {
            errors[index] = error;
            failed += 1;
            if (failed === tasks.length && !done) {
              // Stryker disable next-line BooleanLiteral: every task has settled by now, so no callback is left to read done (and the finally removes onAbort before an abort could)
              done = true;
              reject(new AggregateError(errors, "every task failed"));
            }
          },
        );
      });
    });
  } finally {
    // Stryker disable next-line ConditionalExpression: the promise executor runs at once and sets onAbort, so the check is always true here (it is for the type checker)
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
}

// Right too: `Promise.any` already means "the first to fulfil, or an
// AggregateError of every error in task order"; what it lacks is aborting
// the losers and listening to the caller's signal.
import { CancelledError } from "./errors.ts";

/**
 * Runs every task at once and resolves with the value of the first to fulfil.
 * (Same contract as the reference.)
 */
export async function firstOf<T>(tasks: Array<(signal: AbortSignal) => Promise<T>>, options: { signal?: AbortSignal } = {}): Promise<T> {
  const { signal } = options;
  signal?.throwIfAborted();

  const controllers = tasks.map(() => new AbortController());
  const abortAll = (reason: unknown, except?: number) => {
    for (const [index, controller] of controllers.entries()) if (index !== except) controller.abort(reason);
  };

  let won = false;
  const first = Promise.any(
    tasks.map(async (task, index) => {
      const value = await task(controllers[index]!.signal);
      if (!won) {
        won = true;
        abortAll(new CancelledError("another task fulfilled first"), index);
      }
      return value;
    }),
  );

  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      won = true;
      abortAll(signal?.reason);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([first, aborted]);
  } finally {
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
}

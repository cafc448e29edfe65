/**
 * Wraps `fn` in a lazy, awaitable value, like a Python coroutine object: `fn`
 * is not called when `lazy` is, only at the first `then` (which is what
 * `await` calls). It is called at most once, and every awaiter, early or late,
 * gets the same result (or the same rejection). `started` tells whether `fn`
 * has been called yet.
 */
export function lazy<T>(fn: () => Promise<T>): PromiseLike<T> & { readonly started: boolean } {
  // TODO: return an object with a `started` getter and a `then` method that calls fn once, on first use.
  throw new Error("TODO: implement lazy in src/lazy.ts");
}

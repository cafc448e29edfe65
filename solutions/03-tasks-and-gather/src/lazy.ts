export function lazy<T>(fn: () => Promise<T>): PromiseLike<T> & { readonly started: boolean } {
  // The one promise for fn's result, created on first use. Keeping the promise
  // (not the value) is what makes awaiters that arrive while fn is still
  // running share the same call.
  let promise: Promise<T> | undefined;
  return {
    get started() {
      return promise !== undefined;
    },
    // `await x` calls `x.then(resolve, reject)`: this is the one hook that
    // tells us someone wants the value.
    then<R1 = T, R2 = never>(
      onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
      onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
    ): PromiseLike<R1 | R2> {
      // The wrapper also turns a synchronous throw in fn into a rejection.
      promise ??= new Promise<T>((resolve) => resolve(fn()));
      return promise.then(onFulfilled, onRejected);
    },
  };
}

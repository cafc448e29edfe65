// Wrong: lazy enough, but fn() is called again on every then (every await), so
// each awaiter starts the work anew and gets a result of its own.
export function lazy<T>(fn: () => Promise<T>): PromiseLike<T> & { readonly started: boolean } {
  let started = false;
  return {
    get started() {
      return started;
    },
    then(onFulfilled, onRejected) {
      started = true;
      return fn().then(onFulfilled, onRejected);
    },
  };
}

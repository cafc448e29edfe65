// Wrong: it remembers fn's value once it has arrived, but not the promise in
// the meantime: every awaiter that comes while fn is still running calls fn
// again. (And a failure is never remembered at all.)
export function lazy<T>(fn: () => Promise<T>): PromiseLike<T> & { readonly started: boolean } {
  let started = false;
  let done: { value: T } | undefined;
  return {
    get started() {
      return started;
    },
    then(onFulfilled, onRejected) {
      started = true;
      if (done) return Promise.resolve(done.value).then(onFulfilled, onRejected);
      return fn()
        .then((value) => {
          done = { value };
          return value;
        })
        .then(onFulfilled, onRejected);
    },
  };
}

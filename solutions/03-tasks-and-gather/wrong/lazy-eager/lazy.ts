// Wrong: fn() is called when lazy() is, which is what a plain promise does.
// The work starts whether or not anyone ever awaits it; nothing is lazy.
export function lazy<T>(fn: () => Promise<T>): PromiseLike<T> & { readonly started: boolean } {
  const promise = fn();
  return {
    started: true,
    then: (onFulfilled, onRejected) => promise.then(onFulfilled, onRejected),
  };
}

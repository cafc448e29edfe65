// Wrong: `started` is put into the object as a plain property, which copies the
// variable's value (false) once; setting the variable later does not change
// the property. A getter reads the variable each time.
export function lazy<T>(fn: () => Promise<T>): PromiseLike<T> & { readonly started: boolean } {
  let started = false;
  let promise: Promise<T> | undefined;
  return {
    started,
    then(onFulfilled, onRejected) {
      started = true;
      promise ??= fn();
      return promise.then(onFulfilled, onRejected);
    },
  };
}

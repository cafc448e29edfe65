// Right, another way: a class whose `then` makes its instances thenable.
class Lazy<T> implements PromiseLike<T> {
  #fn: () => Promise<T>;
  #promise: Promise<T> | undefined;

  constructor(fn: () => Promise<T>) {
    this.#fn = fn;
  }

  get started(): boolean {
    return this.#promise !== undefined;
  }

  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    this.#promise ??= this.#fn();
    return this.#promise.then(onFulfilled, onRejected);
  }
}

export function lazy<T>(fn: () => Promise<T>): PromiseLike<T> & { readonly started: boolean } {
  return new Lazy(fn);
}

/** Given: what `runPipeline` (see ./run-pipeline.ts) takes. */
export interface PipelineOptions<T> {
  /** Each producer is a function returning the items it makes, as an iterable (an array, a generator) or an async iterable. */
  producers: Array<() => AsyncIterable<T> | Iterable<T>>;
  /** How many consumers handle items at the same time: a positive integer. */
  consumers: number;
  /** How many items may wait in the queue between producers and consumers: a positive integer. */
  maxSize: number;
  /** Handles one item; `consumerId` (0 to `consumers - 1`) says which consumer runs it. */
  handle: (item: T, consumerId: number) => Promise<void>;
}

/** Given: what `runPipeline` resolves with. */
export interface PipelineResult {
  /** Items taken from the producers and put in the queue. */
  produced: number;
  /** Items handled. */
  consumed: number;
  /** Items handled by each consumer, indexed by `consumerId`. */
  perConsumer: number[];
}

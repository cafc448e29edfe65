// Wrong: the two microtask queues the other way round. Promise callbacks are
// the "real" microtasks, so they are taken to run before process.nextTick,
// whose name suggests "later". Node empties the nextTick queue first (except
// when the running code is itself a promise callback).
import type { SnippetName } from "./snippets.ts";

export const predictions: Record<SnippetName, string[]> = {
  syncFirst: ["start", "end", "then", "setTimeout"],
  soonestFirst: ["sync", "then", "queueMicrotask", "nextTick", "setImmediate"],
  awaitSplits: ["main: calls greet", "greet: before await", "main: greet returned", "greet: after await", "nextTick"],
  timersAndMicrotasks: ["timeout 1", "timeout 1: then", "timeout 1: nextTick", "timeout 2"],
  insideIoCallback: ["readFile callback", "nextTick", "setImmediate", "setTimeout"],
  queuesWithinQueues: [
    "then A",
    "then from then A",
    "nextTick B",
    "nextTick from then A",
    "nextTick from nextTick B",
    "then from nextTick B",
  ],
  twoAsyncFunctions: ["a: 1", "b: 1", "both called", "a: 2", "b: 2", "a: 3", "b: 3"],
  afterAnAwait: ["sync 1", "then 1", "sync 2", "then 2", "nextTick 1", "nextTick 2"],
};

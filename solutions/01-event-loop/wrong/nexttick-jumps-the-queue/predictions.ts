// Wrong: "process.nextTick always runs before any promise callback", so a tick
// queued from inside a promise callback is taken to cut in before the promise
// callbacks already waiting. Node empties the promise queue completely before
// it looks at the nextTick queue again.
import type { SnippetName } from "./snippets.ts";

export const predictions: Record<SnippetName, string[]> = {
  syncFirst: ["start", "end", "then", "setTimeout"],
  soonestFirst: ["sync", "nextTick", "then", "queueMicrotask", "setImmediate"],
  awaitSplits: ["main: calls greet", "greet: before await", "main: greet returned", "nextTick", "greet: after await"],
  timersAndMicrotasks: ["timeout 1", "timeout 1: nextTick", "timeout 1: then", "timeout 2"],
  insideIoCallback: ["readFile callback", "nextTick", "setImmediate", "setTimeout"],
  queuesWithinQueues: [
    "nextTick B",
    "nextTick from nextTick B",
    "then A",
    "nextTick from then A",
    "then from nextTick B",
    "then from then A",
  ],
  twoAsyncFunctions: ["a: 1", "b: 1", "both called", "a: 2", "b: 2", "a: 3", "b: 3"],
  afterAnAwait: ["sync 1", "nextTick 1", "then 1", "sync 2", "nextTick 2", "then 2"],
};

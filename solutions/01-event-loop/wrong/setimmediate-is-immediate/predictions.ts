// Wrong: taking setImmediate at its word, as if its callback ran immediately
// after the current code, ahead of the microtask queues. It runs in the check
// phase of the loop, after every tick and promise callback queued before it.
import type { SnippetName } from "./snippets.ts";

export const predictions: Record<SnippetName, string[]> = {
  syncFirst: ["start", "end", "then", "setTimeout"],
  soonestFirst: ["sync", "setImmediate", "nextTick", "then", "queueMicrotask"],
  awaitSplits: ["main: calls greet", "greet: before await", "main: greet returned", "nextTick", "greet: after await"],
  timersAndMicrotasks: ["timeout 1", "timeout 1: nextTick", "timeout 1: then", "timeout 2"],
  insideIoCallback: ["readFile callback", "setImmediate", "nextTick", "setTimeout"],
  queuesWithinQueues: [
    "nextTick B",
    "nextTick from nextTick B",
    "then A",
    "then from nextTick B",
    "then from then A",
    "nextTick from then A",
  ],
  twoAsyncFunctions: ["a: 1", "b: 1", "both called", "a: 2", "b: 2", "a: 3", "b: 3"],
  afterAnAwait: ["sync 1", "nextTick 1", "then 1", "sync 2", "then 2", "nextTick 2"],
};

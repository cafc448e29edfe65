// Wrong: awaiting something that is already there (null, "ready") is taken to
// carry straight on, as awaiting a coroutine that never suspends does in
// Python. In JavaScript every await pauses the function and resumes it as a
// promise callback, even when the value is ready.
import type { SnippetName } from "./snippets.ts";

export const predictions: Record<SnippetName, string[]> = {
  syncFirst: ["start", "end", "then", "setTimeout"],
  soonestFirst: ["sync", "nextTick", "then", "queueMicrotask", "setImmediate"],
  awaitSplits: ["main: calls greet", "greet: before await", "greet: after await", "main: greet returned", "nextTick"],
  timersAndMicrotasks: ["timeout 1", "timeout 1: nextTick", "timeout 1: then", "timeout 2"],
  insideIoCallback: ["readFile callback", "nextTick", "setImmediate", "setTimeout"],
  queuesWithinQueues: [
    "nextTick B",
    "nextTick from nextTick B",
    "then A",
    "then from nextTick B",
    "then from then A",
    "nextTick from then A",
  ],
  twoAsyncFunctions: ["a: 1", "a: 2", "a: 3", "b: 1", "b: 2", "b: 3", "both called"],
  afterAnAwait: ["sync 1", "sync 2", "nextTick 1", "nextTick 2", "then 1", "then 2"],
};

// Wrong: "timers come first in the loop, so setTimeout(…, 0) beats
// setImmediate". Inside an I/O callback the loop is already past the timers
// phase: it reaches the check phase (setImmediate) before it comes back round
// to the timers. Every other prediction is right.
import type { SnippetName } from "./snippets.ts";

export const predictions: Record<SnippetName, string[]> = {
  syncFirst: ["start", "end", "then", "setTimeout"],
  soonestFirst: ["sync", "nextTick", "then", "queueMicrotask", "setImmediate"],
  awaitSplits: ["main: calls greet", "greet: before await", "main: greet returned", "nextTick", "greet: after await"],
  timersAndMicrotasks: ["timeout 1", "timeout 1: nextTick", "timeout 1: then", "timeout 2"],
  insideIoCallback: ["readFile callback", "nextTick", "setTimeout", "setImmediate"],
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

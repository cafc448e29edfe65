// Wrong: the one-box picture of the event loop. Everything a snippet schedules
// goes into a single first-in first-out queue and runs in the order it was
// scheduled, whether it is a tick, a promise callback, a timer or an
// immediate. Node has two microtask queues and several phases instead.
import type { SnippetName } from "./snippets.ts";

export const predictions: Record<SnippetName, string[]> = {
  syncFirst: ["start", "end", "setTimeout", "then"],
  soonestFirst: ["sync", "setImmediate", "then", "queueMicrotask", "nextTick"],
  awaitSplits: ["main: calls greet", "greet: before await", "main: greet returned", "nextTick", "greet: after await"],
  timersAndMicrotasks: ["timeout 1", "timeout 2", "timeout 1: then", "timeout 1: nextTick"],
  insideIoCallback: ["readFile callback", "setTimeout", "setImmediate", "nextTick"],
  queuesWithinQueues: [
    "then A",
    "nextTick B",
    "nextTick from then A",
    "then from then A",
    "then from nextTick B",
    "nextTick from nextTick B",
  ],
  twoAsyncFunctions: ["a: 1", "b: 1", "both called", "a: 2", "b: 2", "a: 3", "b: 3"],
  afterAnAwait: ["sync 1", "nextTick 1", "then 1", "sync 2", "nextTick 2", "then 2"],
};

import type { SnippetName } from "./snippets.ts";

export const predictions: Record<SnippetName, string[]> = {
  // The running code is never interrupted; promise callbacks come as soon as it
  // ends, and a 0 ms timer still has to wait for the loop's timers phase.
  syncFirst: ["start", "end", "then", "setTimeout"],

  // nextTick has its own queue, emptied before the promise queue; then and
  // queueMicrotask share the promise queue in the order they were queued;
  // setImmediate needs a turn of the loop (the check phase).
  soonestFirst: ["sync", "nextTick", "then", "queueMicrotask", "setImmediate"],

  // greet() runs synchronously up to its await and then returns to main; its
  // second half is a promise callback, so it waits for the nextTick queue too.
  awaitSplits: ["main: calls greet", "greet: before await", "main: greet returned", "nextTick", "greet: after await"],

  // Both queues are emptied after each timer callback (since Node 11), not once
  // after the whole timers phase, so timeout 2 comes last.
  timersAndMicrotasks: ["timeout 1", "timeout 1: nextTick", "timeout 1: then", "timeout 2"],

  // A readFile callback runs in the poll phase: the check phase (setImmediate)
  // comes next in the same turn, the timers phase only in the next turn.
  insideIoCallback: ["readFile callback", "nextTick", "setImmediate", "setTimeout"],

  // Each queue is emptied completely, newcomers included, before Node looks at
  // the other one again: all ticks, then all promise callbacks, then the tick
  // that a promise callback queued.
  queuesWithinQueues: ["nextTick B", "nextTick from nextTick B", "then A", "then from nextTick B", "then from then A", "nextTick from then A"],

  // Each await, even of a plain value, sends the rest of the function to the
  // back of the promise queue: the two functions alternate step by step.
  twoAsyncFunctions: ["a: 1", "b: 1", "both called", "a: 2", "b: 2", "a: 3", "b: 3"],

  // Before the await, the snippet runs as a fresh callback: ticks first. After
  // it, the code is a promise callback, and Node drains the whole promise queue
  // (then 2 included) before it returns to the nextTick queue.
  afterAnAwait: ["sync 1", "nextTick 1", "then 1", "sync 2", "then 2", "nextTick 2"],
};

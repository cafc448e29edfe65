// The one exercise that runs on the real event loop (no virtual clock): each
// snippet runs for real, within a few milliseconds, and what it logged is
// compared with the student's prediction.
import { points } from "@course/testkit";
import { describe, test } from "vitest";
import { predictions, snippets, type SnippetName } from "../src/index.ts";
import { failWith, predictionMismatch, runSnippet } from "./helpers.ts";

interface Case {
  /** What the snippet is about; the test's name is built from it, so keep it stable. */
  about: string;
  /** How many labels the snippet logs: the test listens until it has logged them all. */
  labels: number;
  points: number;
  /** The rule of the event loop that decides the order, shown when a prediction is wrong. */
  rule: string;
}

const cases: Record<SnippetName, Case> = {
  syncFirst: {
    about: "sync code, a then callback and a 0 ms timer",
    labels: 4,
    points: 1,
    rule:
      "code that is running always finishes first; promise callbacks run as soon as it has, " +
      "while a timer, even of 0 ms, waits for the timers phase of a later turn of the loop.",
  },
  soonestFirst: {
    about: "nextTick, then, queueMicrotask and setImmediate",
    labels: 5,
    points: 2,
    rule:
      "once the running code finishes, Node runs the nextTick queue, then the promise queue " +
      "(then, await and queueMicrotask share it, first in first out), and only then goes on " +
      "round the loop to setImmediate.",
  },
  awaitSplits: {
    about: "an async function split in two by await",
    labels: 5,
    points: 1,
    rule:
      "an async function runs synchronously up to its first await and then returns to its caller; " +
      "the rest of it runs later, as a promise callback (so after the nextTick queue).",
  },
  timersAndMicrotasks: {
    about: "microtasks queued inside a timer callback",
    labels: 4,
    points: 2,
    rule:
      "after every single callback (each timer included), Node empties the nextTick queue and then " +
      "the promise queue before it runs the next callback.",
  },
  insideIoCallback: {
    about: "setTimeout and setImmediate inside an I/O callback",
    labels: 4,
    points: 2,
    rule:
      "an I/O callback runs in the poll phase; from there the loop reaches the check phase " +
      "(setImmediate) before it comes back round to the timers phase (setTimeout).",
  },
  queuesWithinQueues: {
    about: "ticks and promise callbacks that queue each other",
    labels: 6,
    points: 2,
    rule:
      "Node empties the whole nextTick queue (ticks added meanwhile included), then the whole promise " +
      "queue (callbacks added meanwhile included), and goes back to the nextTick queue until both are empty.",
  },
  twoAsyncFunctions: {
    about: "two async functions taking turns at each await",
    labels: 7,
    points: 1,
    rule:
      "every await, even of a value that is already there, puts the rest of the function at the back " +
      "of the promise queue, so two async functions take turns, one step each.",
  },
  afterAnAwait: {
    about: "nextTick and then, before and after an await",
    labels: 6,
    points: 2,
    rule:
      "code after an await is itself running as a promise callback, and Node empties the whole promise " +
      "queue before it gets back to the nextTick queue.",
  },
};

describe("predictions", () => {
  for (const [name, { about, labels, points: worth, rule }] of Object.entries(cases) as Array<[SnippetName, Case]>) {
    test(`predictions.${name} is the order Node really runs ${about}`, points(worth), async () => {
      const run = await runSnippet(snippets[name], labels);
      const mismatch = predictionMismatch({ name, predicted: predictions[name], run, labels, rule });
      if (mismatch) failWith(mismatch);
    });
  }
});

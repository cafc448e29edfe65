import { readFile } from "node:fs";

/** Given: what a snippet calls to record that something ran. */
export type Log = (label: string) => void;

/** Given: a snippet logs labels, some straight away and some from callbacks that run later. */
export type Snippet = (log: Log) => Promise<void> | void;

/**
 * Given: the snippets whose output you predict in ./predictions.ts. Read each
 * one, decide the order of its labels, and write that order down. Do not edit
 * this file: the tests run these snippets exactly as they are.
 *
 * The tests start each snippet the way Node starts any callback: from a fresh
 * turn of the event loop, with nothing else queued. They listen until the
 * snippet has logged all of its labels.
 */
export const snippets = {
  /** 1. Code that is running, a promise callback and a timer. */
  syncFirst(log) {
    log("start");
    setTimeout(() => log("setTimeout"), 0);
    Promise.resolve().then(() => log("then"));
    log("end");
  },

  /** 2. Every kind of "soon": which one is first? */
  soonestFirst(log) {
    setImmediate(() => log("setImmediate"));
    Promise.resolve().then(() => log("then"));
    queueMicrotask(() => log("queueMicrotask"));
    process.nextTick(() => log("nextTick"));
    log("sync");
  },

  /** 3. An async function runs until its first await, then returns to its caller. */
  awaitSplits(log) {
    async function greet(): Promise<void> {
      log("greet: before await");
      await null;
      log("greet: after await");
    }
    process.nextTick(() => log("nextTick"));
    log("main: calls greet");
    void greet();
    log("main: greet returned");
  },

  /** 4. Two timers due at the same time, the first one queueing more work. */
  timersAndMicrotasks(log) {
    setTimeout(() => {
      log("timeout 1");
      Promise.resolve().then(() => log("timeout 1: then"));
      process.nextTick(() => log("timeout 1: nextTick"));
    }, 0);
    setTimeout(() => log("timeout 2"), 0);
  },

  /** 5. Inside an I/O callback: a timer and an immediate, scheduled together. */
  insideIoCallback(log) {
    readFile(new URL(import.meta.url), () => {
      log("readFile callback");
      setTimeout(() => log("setTimeout"), 0);
      setImmediate(() => log("setImmediate"));
      process.nextTick(() => log("nextTick"));
    });
  },

  /** 6. Ticks that queue promise callbacks, and promise callbacks that queue ticks. */
  queuesWithinQueues(log) {
    Promise.resolve().then(() => {
      log("then A");
      process.nextTick(() => log("nextTick from then A"));
      Promise.resolve().then(() => log("then from then A"));
    });
    process.nextTick(() => {
      log("nextTick B");
      Promise.resolve().then(() => log("then from nextTick B"));
      process.nextTick(() => log("nextTick from nextTick B"));
    });
  },

  /** 7. Two async functions, each awaiting values that are already there. */
  twoAsyncFunctions(log) {
    async function count(name: string): Promise<void> {
      log(`${name}: 1`);
      await "ready";
      log(`${name}: 2`);
      await "ready";
      log(`${name}: 3`);
    }
    void count("a");
    void count("b");
    log("both called");
  },

  /** 8. The same two calls, before and after an await. */
  afterAnAwait(log) {
    async function resume(): Promise<void> {
      log("sync 1");
      process.nextTick(() => log("nextTick 1"));
      Promise.resolve().then(() => log("then 1"));
      await null;
      log("sync 2");
      process.nextTick(() => log("nextTick 2"));
      Promise.resolve().then(() => log("then 2"));
    }
    void resume();
  },
} satisfies Record<string, Snippet>;

/** Given: the name of a snippet, e.g. "syncFirst". */
export type SnippetName = keyof typeof snippets;

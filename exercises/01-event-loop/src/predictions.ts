import type { SnippetName } from "./snippets.ts";

/**
 * Your predictions: for each snippet in ./snippets.ts, the labels it logs, in
 * the order you expect Node to log them. Spell each label exactly as the
 * snippet does, and list it as many times as it is logged.
 *
 * Predict before you run the tests: once a prediction holds every label, a
 * failing test shows the real order next to yours.
 */
export const predictions: Record<SnippetName, string[]> = {
  // TODO: replace each empty list with the labels in the order you predict, e.g. ["start", "end", …].
  syncFirst: [],
  soonestFirst: [],
  awaitSplits: [],
  timersAndMicrotasks: [],
  insideIoCallback: [],
  queuesWithinQueues: [],
  twoAsyncFunctions: [],
  afterAnAwait: [],
};

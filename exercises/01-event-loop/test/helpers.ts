// Runs a snippet on the real event loop and explains how a prediction differs
// from what it logged. (The rest of the course runs on the virtual clock; this
// exercise is about the real loop, so nothing here fakes time.)
import { settleInRealTime, sleep, type Settled } from "@course/testkit";
import { chai } from "vitest";
import type { Snippet } from "../src/index.ts";

/**
 * What a snippet did when it ran for real: how its run ended (the kit's
 * outcome shape: "rejected" when it threw, "pending" when it had not finished
 * within `limitMs`), and the labels it logged.
 */
export type Run = Settled<unknown> & { logged: string[]; limitMs: number };

/** Real milliseconds a snippet may take; they all finish within a few. */
export const SNIPPET_LIMIT_MS = 500;

/** Real milliseconds to keep listening once a snippet has logged all its labels. */
const AFTERWARDS_MS = 5;

/**
 * Runs `snippet` on the real event loop until it has logged `labels` labels
 * (and the promise it returns, if any, has settled).
 *
 * It starts the snippet from a fresh turn of the loop (a `setImmediate`
 * callback), with both microtask queues empty: the way Node starts any
 * callback. Called straight from the async test function instead, it would
 * run inside the promise queue, where `process.nextTick` waits for promise
 * callbacks, and several orders would flip.
 *
 * The snippets themselves do not say when they are done: a `done()` call in
 * one of their callbacks would give away which callback runs last.
 */
export async function runSnippet(snippet: Snippet, labels: number, limitMs = SNIPPET_LIMIT_MS): Promise<Run> {
  const logged: string[] = [];
  const allLogged = Promise.withResolvers<void>();
  const log = (label: string) => {
    if (logged.push(label) === labels) allLogged.resolve();
  };
  const ran = new Promise<void>((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(snippet(log));
      } catch (error) {
        reject(error);
      }
    });
  });
  const outcome = await settleInRealTime(Promise.all([ran, allLogged.promise]), limitMs);
  if (outcome.status !== "fulfilled") return { ...outcome, logged: [...logged], limitMs };
  // A label logged after the expected count would mean the snippet changed.
  await sleep(AFTERWARDS_MS);
  return { ...outcome, logged: [...logged], limitMs };
}

const quote = (label: string) => JSON.stringify(label);

function countOf(labels: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return counts;
}

const times = (n: number) => (n === 1 ? "once" : n === 2 ? "twice" : `${n} times`);

/** Why `predicted` does not hold exactly the labels `logged` holds (none when it does). */
function labelProblems(predicted: readonly string[], logged: readonly string[]): string[] {
  const want = countOf(logged);
  const got = countOf(predicted);
  const problems: string[] = [];
  for (const label of new Set([...predicted, ...logged])) {
    const n = got.get(label) ?? 0;
    const m = want.get(label) ?? 0;
    if (n === m) continue;
    if (m === 0) problems.push(`${quote(label)} is not a label this snippet logs (check the spelling, spaces and case).`);
    else if (n === 0) problems.push(`${quote(label)} is missing.`);
    else problems.push(`${quote(label)} is in your prediction ${times(n)}, but the snippet logs it ${times(m)}.`);
  }
  return problems;
}

/**
 * The distinct labels in an order that tells nothing about the real one: no
 * two labels that Node logs one right after the other (in either order) stand
 * side by side. Alphabetical order would not do: for "timeout 1",
 * "timeout 1: nextTick", "timeout 1: then", "timeout 2" it is the answer.
 */
export function inNoParticularOrder(logged: readonly string[]): string[] {
  const labels = [...new Set(logged)].sort();
  const neighbours = new Set(logged.slice(1).flatMap((label, i) => [`${logged[i]}\n${label}`, `${label}\n${logged[i]}`]));
  const apart = (a: string, b: string) => !neighbours.has(`${a}\n${b}`);
  // Few labels (at most a handful per snippet): a depth-first search finds the
  // first such order, alphabetically, at once.
  const order: string[] = [];
  const used = new Set<string>();
  const search = (): boolean => {
    if (order.length === labels.length) return true;
    for (const label of labels) {
      if (used.has(label) || (order.length > 0 && !apart(order.at(-1)!, label))) continue;
      order.push(label);
      used.add(label);
      if (search()) return true;
      order.pop();
      used.delete(label);
    }
    return false;
  };
  if (search()) return order;
  // Two or three labels cannot be kept apart: reversed, at least they are not the answer.
  return labels.length === logged.length && labels.every((label, i) => label === logged[i]) ? labels.reverse() : labels;
}

/** Two columns of the same length, the first row where they differ marked. */
function sideBySide(predicted: readonly string[], logged: readonly string[]): string {
  const width = Math.max("your prediction".length, ...predicted.map((label) => quote(label).length)) + 3;
  const firstDifference = predicted.findIndex((label, i) => label !== logged[i]);
  const rows = predicted.map((label, i) => {
    const mark = i === firstDifference ? "  <- first difference" : "";
    return `  ${String(i + 1).padStart(2)}  ${quote(label).padEnd(width)}${quote(logged[i] ?? "")}${mark}`;
  });
  return [`      ${"your prediction".padEnd(width)}what Node logged`, ...rows].join("\n");
}

export interface Check {
  /** The snippet's name, e.g. "syncFirst". */
  name: string;
  /** The student's prediction for it. */
  predicted: readonly string[];
  /** The snippet's real run. */
  run: Run;
  /** How many labels the snippet logs. */
  labels: number;
  /** The rule of the event loop this snippet is about, in one line. */
  rule: string;
}

/**
 * What to tell the student when the prediction is not what Node did, or
 * undefined when it is. The real order is shown only once the prediction
 * uses every label exactly once: predict first, then compare.
 */
export function predictionMismatch({ name, predicted, run, labels, rule }: Check): string | undefined {
  const { logged } = run;
  const where = `snippets.${name} in src/snippets.ts`;
  const restore = "The snippets are given: if you changed src/snippets.ts, restore it.";
  if (run.status === "rejected") return `${where} failed when it ran: ${String(run.reason)}\n${restore}`;
  if (run.status === "pending") {
    return `${where} did not finish within ${run.limitMs} ms of real time: it logged ${logged.length} of its ${labels} labels.\n${restore}`;
  }
  if (logged.length !== labels) return `${where} logged ${logged.length} labels, where it should log ${labels}.\n${restore}`;
  if (predicted.length === 0) {
    return (
      `predictions.${name} is empty. Read ${where}, work out the order in which its ` +
      `${logged.length} labels are logged, and write them down in src/predictions.ts.`
    );
  }
  const problems = labelProblems(predicted, logged);
  if (problems.length > 0) {
    return [
      `predictions.${name} must list each label the snippet logs, as often as it logs it, spelt exactly as in the code:`,
      ...problems.map((p) => `  - ${p}`),
      `Its labels, in no particular order (the order comes once every label is right): ${inNoParticularOrder(logged).map(quote).join(", ")}.`,
    ].join("\n");
  }
  // Same labels, same counts: a permutation, so the two columns line up.
  if (predicted.every((label, i) => label === logged[i])) return undefined;
  return [
    `predictions.${name} is not the order in which ${where} really logs its labels.`,
    "",
    sideBySide(predicted, logged),
    "",
    `The rule: ${rule}`,
  ].join("\n");
}

/**
 * Fails the test with `message` alone. Every test of this file fails at the
 * same line of the test file: a code frame under each failure would repeat
 * those lines eight times and tell nothing about the snippet.
 */
export function failWith(message: string): never {
  const error = new chai.AssertionError(message);
  error.stack = `${error.name}: ${message}`;
  throw error;
}

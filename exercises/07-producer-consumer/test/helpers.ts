// Helpers for this exercise's tests.
import type { Settled } from "@course/testkit";

/** Waits `ms` of virtual time. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Items listed more than once in `seen`, and items of `expected` missing from it, in words (empty when all is well). */
export function exactlyOnceProblems(seen: readonly string[], expected: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const item of seen) counts.set(item, (counts.get(item) ?? 0) + 1);
  const problems: string[] = [];
  const lost = expected.filter((item) => !counts.has(item));
  const twice = [...counts].filter(([, n]) => n > 1).map(([item, n]) => `${item} (${n} times)`);
  const unknown = [...counts.keys()].filter((item) => !expected.includes(item));
  if (lost.length > 0) problems.push(`never handled (lost): ${lost.join(", ")}`);
  if (twice.length > 0) problems.push(`handled more than once: ${twice.join(", ")}`);
  if (unknown.length > 0) problems.push(`handled but never produced: ${unknown.join(", ")}`);
  return problems;
}

/**
 * Starts following `promise` at once (so its rejection never counts as
 * unhandled while the test awaits another one) and records how and when it
 * settled, in the shape of a `clock.settle` outcome.
 */
export function watch<T>(promise: PromiseLike<T>): { outcome: Settled<T>; done: Promise<void> } {
  const watched: { outcome: Settled<T>; done: Promise<void> } = { outcome: { status: "pending", at: Date.now() }, done: Promise.resolve() };
  watched.done = Promise.resolve(promise).then(
    (value) => void (watched.outcome = { status: "fulfilled", value, at: Date.now() }),
    (reason: unknown) => void (watched.outcome = { status: "rejected", reason, at: Date.now() }),
  );
  return watched;
}

/** Marks `outcome` (still pending) with the time the test gave up waiting, for the failure message. */
export function latest<T>(watched: { outcome: Settled<T> }): Settled<T> {
  return watched.outcome.status === "pending" ? { status: "pending", at: Date.now() } : watched.outcome;
}

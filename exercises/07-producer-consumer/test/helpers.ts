// Helpers for this exercise's tests. A candidate for @course/testkit: a seeded
// PRNG for reproducible random cases.
import type { Settled } from "@course/testkit";

/** mulberry32: a tiny seeded PRNG (same seed, same numbers), so a random case is the same case every run. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Random {
  /** An integer from 0 to `max - 1`. */
  int(max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One of `choices`, each as likely as its weight. */
  weighted<K extends string>(choices: Partial<Record<K, number>>): K;
  pick<T>(list: readonly T[]): T;
}

export function seededRandom(seed: number): Random {
  const next = mulberry32(seed);
  return {
    int: (max) => Math.floor(next() * max),
    chance: (p) => next() < p,
    weighted<K extends string>(choices: Partial<Record<K, number>>): K {
      const entries = Object.entries(choices) as Array<[K, number]>;
      let roll = next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
      for (const [choice, weight] of entries) {
        roll -= weight;
        if (roll < 0) return choice;
      }
      return entries[entries.length - 1]![0];
    },
    pick: (list) => list[Math.floor(next() * list.length)]!,
  };
}

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

// Reproducible randomness: the same seed gives the same numbers, so a random
// case is the same case on every run and every machine.

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

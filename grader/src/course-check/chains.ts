import path from "node:path";
import { listVariants, solutionDir } from "../exercises.ts";
import { materializeWrongWay } from "../wrong-ways/materialize.ts";

/** What a chain is, for the check: every test must fail, pass, or at least one fail. */
type ChainKind = "stub" | "solution" | "wrong" | "alternative";

/** One `src/` the exercise's tests run against, and what is expected of it. */
export interface Chain {
  kind: ChainKind;
  /** e.g. "stub", "solution", "wrong/lifo-waiters", "alternatives/with-semaphore". */
  name: string;
  /** Folders laid over the stub's `src/`, first wins. */
  dirs: string[];
}

/** A chain that could not be built (a wrong way whose patch no longer applies). */
export interface BrokenChain {
  name: string;
  error: string;
}

/**
 * Every chain of an exercise: its untouched stub, its reference solution, each
 * other right way (`alternatives/<name>/`, whole files over the reference) and
 * each wrong way (`wrong/<name>.patch`, applied to a copy of the reference).
 */
export function chainsOf(id: string): { chains: Chain[]; broken: BrokenChain[] } {
  const reference = path.join(solutionDir(id), "src");
  const chains: Chain[] = [
    { kind: "stub", name: "stub", dirs: [] },
    { kind: "solution", name: "solution", dirs: [reference] },
    ...listVariants(id, "alternatives").map((name): Chain => ({
      kind: "alternative",
      name: `alternatives/${name}`,
      dirs: [path.join(solutionDir(id), "alternatives", name), reference],
    })),
  ];
  const broken: BrokenChain[] = [];
  for (const name of listVariants(id, "wrong")) {
    try {
      chains.push({ kind: "wrong", name: `wrong/${name}`, dirs: [materializeWrongWay(id, name)] });
    } catch (error) {
      broken.push({ name: `wrong/${name}`, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { chains, broken };
}

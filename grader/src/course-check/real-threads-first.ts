import { BaseSequencer, type TestSequencerConstructor, type TestSpecification } from "vitest/node";
import { exerciseDir } from "../exercises.ts";
import { exerciseGrants } from "../run/sandbox.ts";
import type { LaidOutChain } from "./layout.ts";

/**
 * The order the course check hands test files to its workers: first those of
 * exercises whose tests start worker threads (granted "workers"), then vitest's
 * own order (larger files first, in a fresh clone).
 *
 * Why: those tests wait on real threads starting and meeting (exercise 10:
 * about half the check's test time, little of it on the test's own thread),
 * and a wrong pool may make one wait for its whole limit. Started first, their
 * waiting overlaps the other exercises' work; started last, the check ends
 * with one worker waiting and the other idle.
 */
export function realThreadsFirst(chains: readonly LaidOutChain[]): TestSequencerConstructor {
  const ids = [...new Set(chains.map((chain) => chain.id))];
  const threaded = new Set(ids.filter((id) => exerciseGrants(exerciseDir(id)).includes("workers")));
  const threadedFolders = chains.filter((chain) => threaded.has(chain.id)).map((chain) => chain.folder);
  const startsThreads = (spec: TestSpecification) => threadedFolders.some((folder) => spec.moduleId.startsWith(folder + "/"));
  return class RealThreadsFirst extends BaseSequencer {
    override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
      const sorted = await super.sort(files);
      return [...sorted.filter(startsThreads), ...sorted.filter((spec) => !startsThreads(spec))];
    }
  };
}

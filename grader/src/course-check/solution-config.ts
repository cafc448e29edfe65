import path from "node:path";
import type { ViteUserConfig } from "vitest/config";
import { exerciseConfig, SRC_DIRS_ENV } from "@course/testkit/config";
import { materializeWrongWay } from "../wrong-ways/materialize.ts";

/**
 * The vitest config of a reference solution: the exercise's own tests (one copy,
 * never duplicated), run against `solutions/NN-slug/src`. `COURSE_VARIANT=name`
 * runs them against the wrong way `wrong/name.patch` instead, applied to the reference.
 */
export function solutionConfig(solutionDir: string): ViteUserConfig {
  const id = path.basename(solutionDir);
  const exerciseDir = path.resolve(solutionDir, "../../exercises", id);
  const variant = process.env.COURSE_VARIANT;
  const own = variant ? [materializeWrongWay(id, variant)] : [path.join(solutionDir, "src")];
  const fromEnv = process.env[SRC_DIRS_ENV]?.split(path.delimiter).filter(Boolean) ?? [];
  return exerciseConfig(exerciseDir, fromEnv.length > 0 ? fromEnv : own);
}

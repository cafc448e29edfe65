// The vitest config Stryker's vitest runner loads inside its sandbox (a copy of
// solutions/NN-slug, where the runner's process starts): the exercise's own
// tests (never copied, never duplicated), run against the sandbox's `src/`,
// which holds the reference with every mutant switched in.
import { existsSync } from "node:fs";
import path from "node:path";
import { exerciseConfig } from "@course/testkit/config";
import { exerciseDir } from "../exercises.ts";
import { MUTATION_EXERCISE_ENV } from "./env.ts";

const id = process.env[MUTATION_EXERCISE_ENV];
if (!id) throw new Error(`${MUTATION_EXERCISE_ENV} is not set: this config is for \`npm run mutation\`, which sets it`);
const mutatedSrc = path.resolve("src");
if (!existsSync(mutatedSrc)) throw new Error(`no src/ in ${process.cwd()}: Stryker's runner must start in its sandbox copy of solutions/${id}`);

export default exerciseConfig(exerciseDir(id), [mutatedSrc]);

// The vitest config Stryker's vitest runner loads inside its sandbox (a copy
// of the course holding only this exercise and its solution, where the
// runner's process starts): the exercise's own tests, run against the
// solution's `src/`, which holds the reference with every mutant switched in.
// The tests are copied too, so that Stryker's incremental mode can tell which
// of them changed since the last run.
import { existsSync } from "node:fs";
import path from "node:path";
import { exerciseConfig } from "@course/testkit/config";
import { MUTATION_EXERCISE_ENV } from "./env.ts";

const id = process.env[MUTATION_EXERCISE_ENV];
if (!id) throw new Error(`${MUTATION_EXERCISE_ENV} is not set: this config is for \`npm run mutation\`, which sets it`);
const mutatedSrc = path.resolve("solutions", id, "src");
if (!existsSync(mutatedSrc)) throw new Error(`no solutions/${id}/src in ${process.cwd()}: Stryker's runner must start in its sandbox`);

export default exerciseConfig(path.resolve("exercises", id), [mutatedSrc]);

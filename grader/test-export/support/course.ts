import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const courseRoot = fileURLToPath(new URL("../../..", import.meta.url)).replace(/\/$/, "");

/** The repository and tag the tests export with: they must land in the workflow. */
export const REPOSITORY = "example-class/async-course";
export const REF = "v9.9.9";
export const EXPORT_ARGS = ["--repository", REPOSITORY, "--ref", REF];

/** The course's exercises, by folder name, as the course has them. */
export const exerciseIds = (): string[] =>
  readdirSync(path.join(courseRoot, "exercises"))
    .filter((name) => /^\d{2}-[a-z0-9-]+$/.test(name))
    .sort();

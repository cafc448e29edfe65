#!/usr/bin/env node
// npm start: the course runner (src/main.ts), run without a build step.
import { runTs } from "@course/grader/run-ts";

await runTs(new URL("../src/main.ts", import.meta.url).href);

#!/usr/bin/env node
import { runTs } from "./run-ts.js";

await runTs(new URL("../src/course-check/cli.ts", import.meta.url).href);

#!/usr/bin/env node
import { runTs } from "./run-ts.js";

await runTs(new URL("../src/measure/bench.ts", import.meta.url).href);

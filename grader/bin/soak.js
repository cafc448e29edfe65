#!/usr/bin/env node
import { runTs } from "./run-ts.js";

await runTs(new URL("../src/measure/soak.ts", import.meta.url).href);

#!/usr/bin/env node
import { runTs } from "./run-ts.js";

await runTs(new URL("../src/class/compare-cli.ts", import.meta.url).href);

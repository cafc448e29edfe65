#!/usr/bin/env node
import { runTs } from "./run-ts.js";

await runTs(new URL("../src/class/merge-cli.ts", import.meta.url).href);

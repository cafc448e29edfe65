#!/usr/bin/env node
// The grader's type check of a submission, run beside the tests (src/grade/type-errors.ts).
import { runTs } from "./run-ts.js";

await runTs(new URL("../src/grade/typecheck-cli.ts", import.meta.url).href);

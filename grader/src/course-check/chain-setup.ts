// A setup file of the course check only (trusted code, many chains sharing a
// worker): it files an error that escapes the tests under the chain that was
// running, where vitest would report it for the whole run. With its own
// listener installed, vitest leaves such errors to it.
import { appendFileSync } from "node:fs";
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** The chain whose test file is about to run (see run-chains.ts). */
    courseChain: string;
    /** Where escaped errors are filed, one JSON line each. */
    courseUnhandledLog: string;
  }
}

interface ChainState {
  chain: string;
  log: string;
}

const key = Symbol.for("course-check.chain");
const slot = globalThis as unknown as Record<symbol, ChainState | undefined>;

if (!slot[key]) {
  const state: ChainState = { chain: "", log: "" };
  slot[key] = state;
  const file = (error: unknown) => {
    const message = error instanceof Error ? `${error.name === "Error" ? "" : `${error.name}: `}${error.message}` : String(error);
    appendFileSync(state.log, `${JSON.stringify({ chain: state.chain, message })}\n`);
  };
  process.on("unhandledRejection", file);
  process.on("uncaughtException", file);
}
slot[key].chain = inject("courseChain");
slot[key].log = inject("courseUnhandledLog");

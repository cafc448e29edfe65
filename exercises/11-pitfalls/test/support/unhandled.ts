// Catches unhandled rejections during each test, so that one left by the code
// under test fails the test that looks for it (with an explanation) instead of
// crashing the whole run, as it would crash a real program.
import { afterEach, beforeEach } from "vitest";

// Captured when this file loads, before any test fakes the timers: Node reports
// an unhandled rejection only once a real turn of its event loop has passed.
const realSetImmediate = globalThis.setImmediate;

/** Lets Node's event loop turn for real a few times (nothing virtual moves). */
export async function realTurns(count = 3): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise<void>((resolve) => realSetImmediate(resolve));
}

export interface UnhandledRejections {
  /** The reasons of the promises that rejected with no handler during the current test. */
  readonly reasons: unknown[];
}

/** Call once at the top of a test file. */
export function collectUnhandledRejections(): UnhandledRejections {
  const reasons: unknown[] = [];
  let others: NodeJS.UnhandledRejectionListener[] = [];
  const collect = (reason: unknown) => {
    reasons.push(reason);
  };
  beforeEach(() => {
    reasons.length = 0;
    others = process.listeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection");
    process.on("unhandledRejection", collect);
  });
  afterEach(async () => {
    await realTurns();
    process.off("unhandledRejection", collect);
    for (const listener of others) process.on("unhandledRejection", listener);
  });
  return { reasons };
}

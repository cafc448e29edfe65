// Catching unhandled rejections, so that one left by the code under test fails
// the test that looks for it (with an explanation) instead of crashing the
// whole run, as it would crash a real program (Node 15 and later).
import { afterEach, beforeEach } from "vitest";

// Captured when the kit loads, before any test fakes the timers: Node reports
// an unhandled rejection only once a real turn of its event loop has passed.
const realSetImmediate = globalThis.setImmediate;

/** Lets Node's event loop turn for real `count` times (nothing virtual moves). */
export async function realTurns(count = 3): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise<void>((resolve) => realSetImmediate(resolve));
}

export interface UnhandledRejections {
  /** The reasons of the promises that rejected with no handler, in the order Node reported them. */
  readonly reasons: unknown[];
}

export interface CatchingUnhandledRejections extends UnhandledRejections {
  /** Lets the loop turn for real (so Node reports what is pending), stops catching, and gives the reasons. */
  stop(): Promise<unknown[]>;
}

/**
 * From now until `stop()`, catches every unhandled rejection instead of
 * letting it reach vitest (which fails the whole run); other listeners are set
 * aside meanwhile and put back after. For one part of one test. The reasons
 * go into `reasons` (a new array unless one is given).
 */
export function catchUnhandledRejections(reasons: unknown[] = []): CatchingUnhandledRejections {
  const collect = (reason: unknown) => {
    reasons.push(reason);
  };
  const others = process.listeners("unhandledRejection");
  process.removeAllListeners("unhandledRejection");
  process.on("unhandledRejection", collect);
  let stopped = false;
  return {
    reasons,
    async stop() {
      if (stopped) return reasons;
      stopped = true;
      try {
        await realTurns();
      } finally {
        process.off("unhandledRejection", collect);
        for (const listener of others) process.on("unhandledRejection", listener);
      }
      return reasons;
    },
  };
}

/**
 * Call once at the top of a test file: every test then catches the unhandled
 * rejections that happen while it runs (`reasons` holds the current test's).
 */
export function collectUnhandledRejections(): UnhandledRejections {
  const reasons: unknown[] = [];
  let current: CatchingUnhandledRejections | undefined;
  beforeEach(() => {
    // One array for the whole file (the tests hold it from the top), emptied for each test.
    reasons.length = 0;
    current = catchUnhandledRejections(reasons);
  });
  afterEach(async () => {
    await current?.stop();
    current = undefined;
  });
  return { reasons };
}

// First, before the code under test loads: it routes Node's fs through the
// tests' pretend file system (see the file), whatever the code keeps of it.
import "./support/fake-fs.ts";
import { collectUnhandledRejections, describeOutcome, describeReason, points, startHeartbeat, useVirtualClock, valueOf } from "@course/testkit";
import { describe, expect, test } from "vitest";
import { pause } from "../src/index.ts";
import { guardClockReads } from "./support/busy-wait.ts";

const clock = useVirtualClock();
collectUnhandledRejections();

/**
 * Calls pause(ms) with the clock's readers counted, so that a busy-wait ends
 * with an explanation instead of spinning forever on the virtual clock.
 */
function startPause(ms: number): Promise<void> {
  const call = `pause(${ms})`;
  const { result, thrown, busyWait } = guardClockReads(call, () => pause(ms));
  if (busyWait) {
    void Promise.resolve(result).catch(() => {});
    throw busyWait;
  }
  if (thrown !== undefined) {
    throw new Error(`${call} threw synchronously (${describeReason(thrown)}); an async function reports errors by rejecting`);
  }
  return result!;
}

describe("pause", () => {
  test("pause resolves after ms on the virtual clock", points(2), async () => {
    for (const ms of [1000, 250, 0]) {
      const start = clock.now();
      const outcome = await clock.settle(startPause(ms));
      expect({ ...outcome, at: outcome.at - start }, `pause(${ms}), started at ${start}ms`).toResolveAt(ms);
    }
  });

  test("pause lets the event loop run meanwhile: a heartbeat keeps ticking", points(2), async () => {
    const heartbeat = startHeartbeat(100);
    const ticksWhenDone = startPause(1000).then(() => heartbeat.ticks);
    const outcome = await clock.settle(ticksWhenDone);
    heartbeat.stop();
    const ticks = valueOf(outcome, "pause(1000)");
    expect(
      ticks,
      `A heartbeat (a setInterval of 100 ms) should tick about 10 times during pause(1000); it ticked ${ticks} ` +
        `time(s) before pause resolved at ${outcome.at}ms.`,
    ).toBeGreaterThanOrEqual(9);
  });

  test("pause leaves no timer behind once it has resolved", async () => {
    valueOf(await clock.settle(startPause(300)), "pause(300)");
    expect(clock.pendingTimers(), "once pause(300) has resolved, no timer of its own should still be pending").toBe(0);
  });

  test("pause rejects a negative, NaN or infinite ms with a RangeError", async () => {
    for (const ms of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const outcome = await clock.settle(startPause(ms));
      const what = `pause(${ms}) should reject with a RangeError, but ${describeOutcome(outcome)}`;
      expect(outcome.status, what).toBe("rejected");
      expect(outcome.status === "rejected" && outcome.reason, what).toBeInstanceOf(RangeError);
    }
  });
});

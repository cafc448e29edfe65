import { points, useVirtualClock, valueOf } from "@course/testkit";
import { describe, expect, test } from "vitest";
import { yieldToEventLoop } from "../src/index.ts";
import { describeOrder, MICROTASK_ADVICE, runWithHeartbeat } from "./helpers.ts";

// Each test runs a loop of `await yieldToEventLoop()` next to a heartbeat, and
// turns the (virtual) event loop one turn at a time. A real yield lets the
// heartbeat run between two resumptions; a microtask "yield" does not.
const clock = useVirtualClock();

describe("yieldToEventLoop", () => {
  test("yieldToEventLoop gives the event loop a turn: a heartbeat beats during every yield", points(2), async () => {
    const yields = 10;
    const beatsSeen: number[] = [];
    const run = await runWithHeartbeat(clock, async (heartbeat) => {
      for (let i = 0; i < yields; i++) {
        await yieldToEventLoop();
        beatsSeen.push(heartbeat.ticks);
      }
    });
    valueOf(run.outcome, `a loop awaiting yieldToEventLoop() ${yields} times`);

    const beatsDuring = beatsSeen.map((seen, i) => seen - (beatsSeen[i - 1] ?? 0));
    expect(
      beatsDuring,
      `Each await yieldToEventLoop() should give the event loop a turn, so the heartbeat (a setImmediate ` +
        `callback that re-arms itself: one beat per turn) beats at least once during every yield. The beats ` +
        `during each of the ${yields} yields were [${beatsDuring.join(", ")}]; in order, what ran was: ` +
        `${describeOrder(beatsSeen, run.beats)}. ${MICROTASK_ADVICE}`,
    ).not.toContain(0);
    expect(clock.pendingTimers(), "once its promise has resolved, yieldToEventLoop should leave no timer behind").toBe(0);
  });

  test("yieldToEventLoop lets timers fire: a 1 ms setInterval keeps ticking across repeated yields", async () => {
    const yields = 20;
    const run = await runWithHeartbeat(
      clock,
      async () => {
        for (let i = 0; i < yields; i++) await yieldToEventLoop();
      },
      { everyMs: 1 },
    );
    valueOf(run.outcome, `a loop awaiting yieldToEventLoop() ${yields} times`);

    // On the virtual clock a turn of the loop takes 1 ms: a 1 ms interval that
    // gets its turns fires about once per yield.
    expect(
      run.beats,
      `On the test's virtual clock every turn of the event loop takes 1 ms, so a setInterval(…, 1) should fire ` +
        `about once per yield: at least ${yields / 2} times across ${yields} yields. It fired ${run.beats} time(s) ` +
        `before the last yield resumed (at ${run.outcome.at}ms): the timers never got their turn. ${MICROTASK_ADVICE}`,
    ).toBeGreaterThanOrEqual(yields / 2);
  });
});

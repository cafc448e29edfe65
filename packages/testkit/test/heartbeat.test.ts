import { describe, expect, test } from "vitest";
import { startHeartbeat, useVirtualClock } from "../src/index.ts";

describe("startHeartbeat on virtual time", () => {
  const clock = useVirtualClock();

  test("beats once per period", async () => {
    const heartbeat = startHeartbeat(100);
    await clock.advance(350);
    heartbeat.stop();
    expect(heartbeat.times).toEqual([100, 200, 300]);
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe("startHeartbeat on real turns of the event loop", () => {
  const busyLoop = (iterations: number) => {
    let sum = 0;
    for (let i = 0; i < iterations; i++) sum += i;
    return sum;
  };

  test("stays at 0 while code blocks the loop or yields only to microtasks", async () => {
    const heartbeat = startHeartbeat();
    busyLoop(1_000_000);
    for (let i = 0; i < 100; i++) await Promise.resolve();
    expect(heartbeat.ticks).toBe(0);
    heartbeat.stop();
  });

  test("beats when code yields a macrotask turn", async () => {
    const heartbeat = startHeartbeat();
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    heartbeat.stop();
    expect(heartbeat.ticks).toBeGreaterThanOrEqual(4);
  });
});

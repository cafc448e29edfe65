import { describe, expect, test } from "vitest";
import { describeOutcome, startHeartbeat, useVirtualClock } from "../src/index.ts";

const clock = useVirtualClock();

/** `turns` chunks of work, each ended by a yield through `yieldOnce`, as a chunked computation does. */
async function chunked(turns: number, yieldOnce: () => Promise<void>): Promise<string> {
  for (let i = 0; i < turns; i++) await yieldOnce();
  return "done";
}
const bySetImmediate = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("clock.settleTurnByTurn", () => {
  test("runs one turn of the loop per virtual ms, so setImmediate work and a setImmediate heartbeat take turns", async () => {
    const heartbeat = startHeartbeat();
    const outcome = await clock.settleTurnByTurn(chunked(10, bySetImmediate));
    heartbeat.stop();
    expect(outcome).toEqual({ status: "fulfilled", value: "done", at: 9 });
    // The first yield runs in the turn at 0ms. Jumping from timer to timer (clock.settle) lets the work run ahead of the heartbeat.
    expect(heartbeat.ticks, "the heartbeat beat once per yield of the work").toBeGreaterThanOrEqual(9);
  });

  test("reports a rejection, and when it happened", async () => {
    const reason = new Error("stop");
    const outcome = await clock.settleTurnByTurn(chunked(3, bySetImmediate).then(() => Promise.reject(reason)));
    expect(outcome).toEqual({ status: "rejected", reason, at: 2 });
  });

  test("gives up after maxTurns, saying so: the clock moved 1 ms per turn", async () => {
    const outcome = await clock.settleTurnByTurn(chunked(1000, bySetImmediate), { maxTurns: 20 });
    expect(outcome).toEqual({ status: "pending", at: 20, gaveUp: "after 20 turns of the event loop" });
    expect(describeOutcome(outcome)).toBe("it had still not settled at 20ms, when the test stopped waiting after 20 turns of the event loop");
  });

  test("refuses to run while clock.settle runs the clock (two drivers would jump over each other)", async () => {
    const settling = clock.settle(new Promise((resolve) => setTimeout(resolve, 100)));
    await expect(clock.settleTurnByTurn(Promise.resolve())).rejects.toThrow(/clock\.settleTurnByTurn\(\) was called while clock\.settle\(\)/);
    await settling;
  });
});

describe("clock.settle's limit", () => {
  test("a promise still pending when `within` runs out says that the test stopped waiting then, not that nothing was left", async () => {
    const interval = setInterval(() => {}, 100);
    const outcome = await clock.settle(new Promise(() => {}), { within: 1000 });
    clearInterval(interval);
    expect(outcome).toMatchObject({ status: "pending", gaveUp: "at the end of the 1000ms it allows" });
    expect(describeOutcome(outcome)).toMatch(
      /^it had still not settled at 1\d{3}ms, when the test stopped waiting at the end of the 1000ms it allows$/,
    );
  });
});

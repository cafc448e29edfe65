import { describe, expect, test } from "vitest";
import { at, sleep, useVirtualClock } from "../src/index.ts";

const clock = useVirtualClock();

describe("sleep", () => {
  test("resolves after that many virtual ms, and not before", async () => {
    const outcome = await clock.settle(sleep(250));
    expect(outcome).toEqual({ status: "fulfilled", value: undefined, at: 250 });
    expect(clock.pendingTimers(), "it leaves no timer behind").toBe(0);
  });
});

describe("at", () => {
  test("runs the action at that virtual time, not before", async () => {
    const ran: number[] = [];
    at(300, () => ran.push(Date.now()));
    await clock.advance(299);
    expect(ran).toEqual([]);
    await clock.advance(1);
    expect(ran).toEqual([300]);
  });

  test("runs during a clock.settle of something else", async () => {
    const { promise, resolve } = Promise.withResolvers<string>();
    at(120, () => resolve("released"));
    expect(await clock.settle(promise)).toEqual({ status: "fulfilled", value: "released", at: 120 });
  });

  test("follows what the action returns: its value, and when it settled", async () => {
    const later = at(100, () => sleep(50).then(() => "done"));
    expect(later.outcome.status).toBe("pending");
    await clock.settle(later.done);
    expect(later.outcome).toEqual({ status: "fulfilled", value: "done", at: 150 });
  });

  test("handles the action's rejection, and a throw, as a rejected outcome (never an unhandled one)", async () => {
    const reason = new Error("refused");
    const rejects = at(10, () => Promise.reject(reason));
    const throws = at(20, () => {
      throw reason;
    });
    await clock.advance(30);
    expect(rejects.outcome).toEqual({ status: "rejected", reason, at: 10 });
    expect(throws.outcome).toEqual({ status: "rejected", reason, at: 20 });
  });
});

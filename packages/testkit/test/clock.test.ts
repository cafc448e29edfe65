import { scheduler, setImmediate as nextTurn, setInterval as every, setTimeout as sleep } from "node:timers/promises";
import { describe, expect, test } from "vitest";
import { AbortError, useVirtualClock } from "../src/index.ts";

const clock = useVirtualClock();

describe("the virtual clock", () => {
  test("starts at 0 and drives Date and performance.now()", async () => {
    expect(Date.now()).toBe(0);
    await clock.advance(1500);
    expect(Date.now()).toBe(1500);
    expect(performance.now()).toBe(1500);
  });

  test("settle reports how and when a promise settled", async () => {
    const late = new Promise((resolve) => setTimeout(() => resolve("ok"), 2000));
    expect(await clock.settle(late)).toEqual({ status: "fulfilled", value: "ok", at: 2000 });
    const failing = new Promise((_, reject) => setTimeout(() => reject(new Error("no")), 500));
    expect(await clock.settle(failing)).toMatchObject({ status: "rejected", at: 2500 });
  });

  test("settle gives up on a promise that can never settle", async () => {
    expect(await clock.settle(new Promise(() => {}))).toEqual({ status: "pending", at: 0 });
    const interval = setInterval(() => {}, 100);
    expect(await clock.settle(new Promise(() => {}), { within: 1000 })).toMatchObject({ status: "pending" });
    clearInterval(interval);
  });

  test("refuses to be driven twice at once: a settle and an advance would jump over each other", async () => {
    const settling = clock.settle(new Promise((resolve) => setTimeout(resolve, 1000)));
    await expect(clock.advance(300)).rejects.toThrow(/clock\.advance\(\) was called while clock\.settle\(\) is running/);
    expect(await settling).toMatchObject({ status: "fulfilled", at: 1000 });
  });

  test("counts the timers the code under test left pending", async () => {
    const id = setTimeout(() => {}, 100);
    expect(clock.pendingTimers()).toBe(1);
    clearTimeout(id);
    AbortSignal.timeout(1000); // the kit's own timer: not the code's
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe("AbortSignal.timeout follows virtual time", () => {
  test("aborts at the virtual deadline with a TimeoutError", async () => {
    const signal = AbortSignal.timeout(1000);
    await clock.advance(999);
    expect(signal.aborted).toBe(false);
    await clock.advance(1);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(DOMException);
    expect((signal.reason as DOMException).name).toBe("TimeoutError");
  });

  test("combines with AbortSignal.any", async () => {
    const controller = new AbortController();
    const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(300)]);
    await clock.advance(300);
    expect(signal.aborted).toBe(true);
  });
});

describe("node:timers/promises follows virtual time", () => {
  test("setTimeout resolves with its value at the virtual deadline", async () => {
    expect(await clock.settle(sleep(700, "done"))).toEqual({ status: "fulfilled", value: "done", at: 700 });
  });

  test("setTimeout rejects with an AbortError on abort and leaves no timer", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop")), 200);
    const outcome = await clock.settle(sleep(1000, undefined, { signal: controller.signal }));
    expect(outcome).toMatchObject({ status: "rejected", at: 200 });
    const reason = (outcome as { reason: AbortError }).reason;
    expect(reason.name).toBe("AbortError");
    expect(reason.cause).toEqual(new Error("stop"));
    expect(clock.pendingTimers()).toBe(0);
  });

  test("setImmediate, scheduler.wait and scheduler.yield", async () => {
    expect(await clock.settle(nextTurn("turn"))).toEqual({ status: "fulfilled", value: "turn", at: 0 });
    expect(await clock.settle(scheduler.wait(250))).toEqual({ status: "fulfilled", value: undefined, at: 250 });
    expect(await clock.settle(scheduler.yield())).toMatchObject({ status: "fulfilled", at: 250 });
  });

  test("setInterval yields once per period until the loop breaks", async () => {
    const seen: number[] = [];
    const run = (async () => {
      for await (const _ of every(100)) {
        seen.push(Date.now());
        if (seen.length === 3) break;
      }
    })();
    await clock.settle(run);
    expect(seen).toEqual([100, 200, 300]);
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe("Math.random on the virtual clock", () => {
  const clock = useVirtualClock();
  const draws: number[][] = [];

  test.each([1, 2])("gives the same numbers in every test (run %i)", () => {
    draws.push([Math.random(), Math.random(), Math.random()]);
    expect(clock.now()).toBe(0);
    expect(new Set(draws.at(-1)).size).toBe(3);
  });

  // After both runs above (a file's tests run in order).
  test("gives the same numbers in every test (the two runs compared)", () => {
    expect(draws).toHaveLength(2);
    expect(draws[1]).toEqual(draws[0]);
  });
});

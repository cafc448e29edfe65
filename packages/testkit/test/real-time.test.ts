import { describe, expect, test } from "vitest";
import { describeOutcome, settleInRealTime, useVirtualClock } from "../src/index.ts";

// Real time, kept tiny: what is checked is how the wait ends, never how long it took.
const realTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A limit these promises, settled within a turn or two of the real loop, never come near, however loaded the machine. */
const SETTLES_LONG_BEFORE = 60_000;

describe("settleInRealTime", () => {
  test("reports a value or a reason in the shape of clock.settle's outcome, at real ms since the call", async () => {
    const fulfilled = await settleInRealTime(
      realTurn().then(() => "ok"),
      SETTLES_LONG_BEFORE,
    );
    expect(fulfilled).toMatchObject({ status: "fulfilled", value: "ok" });
    expect(fulfilled.at).toBeGreaterThanOrEqual(0);
    const reason = new Error("no");
    expect(
      await settleInRealTime(
        realTurn().then(() => Promise.reject(reason)),
        SETTLES_LONG_BEFORE,
      ),
    ).toMatchObject({ status: "rejected", reason });
  });

  test("gives up at the limit with a pending outcome that says so", async () => {
    const outcome = await settleInRealTime(new Promise(() => {}), 20);
    expect(outcome).toMatchObject({ status: "pending", gaveUp: "after 20 ms of real time" });
    expect(describeOutcome(outcome)).toMatch(/^it had still not settled at \d+ms, when the test stopped waiting after 20 ms of real time$/);
  });

  test("gives up before the limit when giveUp resolves first, saying why; a promise that settles first wins", async () => {
    const stranded = await settleInRealTime(new Promise(() => {}), SETTLES_LONG_BEFORE, undefined, Promise.resolve("nothing is left to reply"));
    expect(stranded).toMatchObject({ status: "pending", gaveUp: "nothing is left to reply" });
    const settledFirst = await settleInRealTime(Promise.resolve("ok"), SETTLES_LONG_BEFORE, undefined, new Promise<string>(() => {}));
    expect(settledFirst).toMatchObject({ status: "fulfilled", value: "ok" });
  });

  test("runs onSettled in the first reaction to the promise, before code that reacts to it later", async () => {
    const order: string[] = [];
    const call = realTurn();
    const settling = settleInRealTime(call, SETTLES_LONG_BEFORE, (outcome) => order.push(`onSettled: ${outcome.status}`));
    void call.then(() => order.push("a later reaction"));
    await settling;
    expect(order).toEqual(["onSettled: fulfilled", "a later reaction"]);
  });

  test("leaves no timer behind once the promise settled", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    const before = timers();
    await settleInRealTime(Promise.resolve(1), 60_000);
    expect(timers()).toBe(before);
  });

  describe("under the virtual clock", () => {
    useVirtualClock();

    test("its limit still runs on real time: a hang is given up without anyone moving the virtual clock", async () => {
      expect(await settleInRealTime(new Promise(() => {}), 20)).toMatchObject({ status: "pending" });
    });
  });
});

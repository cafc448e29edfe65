import { describe, expect, test } from "vitest";
import { useVirtualClock, watch } from "../src/index.ts";

const clock = useVirtualClock();
const after = <T>(ms: number, settle: () => T) => new Promise<T>((resolve) => setTimeout(() => resolve(settle()), ms));

describe("watch", () => {
  test("reads pending, at the current time, until the promise settles, then how and when it settled", async () => {
    const watched = watch(after(300, () => "ok"));
    expect(watched.outcome).toEqual({ status: "pending", at: 0 });
    await clock.advance(100);
    expect(watched.outcome, "a pending outcome is read at the time of reading").toEqual({ status: "pending", at: 100 });
    await clock.advance(500);
    expect(watched.outcome, "a settled outcome keeps the time it settled").toEqual({ status: "fulfilled", value: "ok", at: 300 });
  });

  test("handles a rejection from the start and reports it with its reason", async () => {
    const reason = new Error("no");
    const rejected = Promise.reject(reason);
    const watched = watch(rejected);
    await clock.advance(0);
    // An unhandled rejection would fail this test file: that the run goes on proves it was handled.
    expect(watched.outcome).toEqual({ status: "rejected", reason, at: 0 });
  });

  test("done resolves with the outcome, also for a rejection, so that clock.settle can wait for it", async () => {
    const reason = new Error("late");
    const watched = watch(new Promise((_, reject) => setTimeout(() => reject(reason), 250)));
    const settled = await clock.settle(watched.done);
    expect(settled).toEqual({ status: "fulfilled", value: { status: "rejected", reason, at: 250 }, at: 250 });
  });

  test("onSettled runs when the promise settles, in the order the promises settle", async () => {
    const order: string[] = [];
    watch(
      after(200, () => "b"),
      (outcome) => order.push(`${outcome.status === "fulfilled" ? String(outcome.value) : "?"} at ${outcome.at}`),
    );
    watch(
      after(100, () => "a"),
      (outcome) => order.push(`${outcome.status === "fulfilled" ? String(outcome.value) : "?"} at ${outcome.at}`),
    );
    expect(order, "nothing has settled yet").toEqual([]);
    await clock.advance(300);
    expect(order).toEqual(["a at 100", "b at 200"]);
  });
});

import { setImmediate as nodeSetImmediate, setTimeout as nodeSetTimeout } from "node:timers";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, test } from "vitest";
import { useVirtualClock } from "../src/index.ts";

const clock = useVirtualClock();

describe("node:timers follows virtual time", () => {
  test("setTimeout and setImmediate imported from node:timers run on the virtual clock", async () => {
    const seen: string[] = [];
    nodeSetTimeout(() => seen.push(`timeout at ${Date.now()}`), 500);
    nodeSetImmediate(() => seen.push(`immediate at ${Date.now()}`));
    expect(clock.pendingTimers()).toBe(2);
    await clock.advance(500);
    expect(seen).toEqual(["immediate at 0", "timeout at 500"]);
  });

  test("the promise timers still resolve at their virtual deadline", async () => {
    expect(await clock.settle(sleep(250, "ok"))).toEqual({ status: "fulfilled", value: "ok", at: 250 });
  });
});

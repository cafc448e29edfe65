import { describe, expect, test } from "vitest";
import { catchUnhandledRejections, collectUnhandledRejections, realTurns, useVirtualClock } from "../src/index.ts";

const leaveUnhandled = (reason: unknown) => void Promise.reject(reason);

describe("catchUnhandledRejections", () => {
  const clock = useVirtualClock();

  test("catches the rejections nobody handles until stop(), which lets the real loop turn first, also under the virtual clock", async () => {
    const catching = catchUnhandledRejections();
    const reason = new Error("nobody listens");
    leaveUnhandled(reason);
    Promise.reject(new Error("handled")).catch(() => {});
    await clock.advance(10);
    expect(await catching.stop()).toEqual([reason]);
    expect(catching.reasons).toEqual([reason]);
  });

  test("puts back the listeners it set aside, and catches nothing after stop()", async () => {
    const mine = () => {};
    process.on("unhandledRejection", mine);
    const before = process.listeners("unhandledRejection");
    const catching = catchUnhandledRejections();
    expect(process.listeners("unhandledRejection"), "while catching, its own listener alone").toHaveLength(1);
    await catching.stop();
    const after = process.listeners("unhandledRejection");
    process.off("unhandledRejection", mine);
    expect(after, "every listener set aside is back, this test's own included").toEqual(before);
    const later = catchUnhandledRejections();
    await catching.stop();
    leaveUnhandled(new Error("after"));
    expect(await later.stop(), "the later catcher got it").toHaveLength(1);
    expect(catching.reasons, "the stopped one did not").toEqual([]);
  });
});

describe("collectUnhandledRejections", () => {
  const unhandled = collectUnhandledRejections();
  const reason = new Error("left by the first test");

  test("collects the unhandled rejections of the running test", async () => {
    leaveUnhandled(reason);
    await realTurns();
    expect(unhandled.reasons).toEqual([reason]);
  });

  test("starts each test with none (the previous test's are gone)", async () => {
    await realTurns();
    expect(unhandled.reasons).toEqual([]);
  });
});

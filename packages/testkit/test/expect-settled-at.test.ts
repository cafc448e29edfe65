import { describe, expect, test } from "vitest";
import { expectSettledAt, useVirtualClock, type Settled } from "../src/index.ts";
import { countItems } from "./fixtures/src/crash.ts";
import { errorOf } from "./support/error-of.ts";

const clock = useVirtualClock();

const resolvedAt = (at: number): Settled<string> => ({ status: "fulfilled", value: "ok", at });
const rejectedAt = (at: number): Settled<string> => ({ status: "rejected", reason: new Error("no"), at });

describe("expectSettledAt", () => {
  test("passes only for the expected status at the expected time", () => {
    expect(() => expectSettledAt(resolvedAt(300), { resolvesAt: 300 }, "why")).not.toThrow();
    expect(() => expectSettledAt(rejectedAt(300), { rejectsAt: 300 }, "why")).not.toThrow();
    expect(() => expectSettledAt(resolvedAt(299), { resolvesAt: 300 }, "why"), "a millisecond early").toThrow();
    expect(() => expectSettledAt(rejectedAt(300), { resolvesAt: 300 }, "why"), "the right time, the wrong way").toThrow();
    expect(() => expectSettledAt(resolvedAt(300), { rejectsAt: 300 }, "why"), "the right time, the wrong way").toThrow();
    expect(() => expectSettledAt({ status: "pending", at: 300 }, { resolvesAt: 300 }, "why"), "still pending").toThrow();
  });

  test("says why that time was expected, then what happened, then the details, in one message", () => {
    const error = errorOf(() => expectSettledAt(rejectedAt(100), { resolvesAt: 300 }, "The slowest task takes 300ms.", "\n\n(a table)"));
    expect(error.message).toBe(
      "The slowest task takes 300ms.\nExpected the call to resolve at 300ms, but it rejected at 100ms with Error: no.\n\n(a table)",
    );
  });

  test("points at the test's line, never at the kit", () => {
    const error = errorOf(() => expectSettledAt(resolvedAt(1), { rejectsAt: 2 }, "why"));
    const frames = (error.stack ?? "").split("\n").filter((line) => line.trimStart().startsWith("at "));
    expect(frames[0]).toContain("expect-settled-at.test.ts");
  });

  test("for a crash in the code under test, says where it threw", async () => {
    const crashed = await clock.settle(countItems(undefined));
    const error = errorOf(() => expectSettledAt(crashed, { resolvesAt: 0 }, "Counting is instant."));
    expect(error.message).toContain("Thrown by your code:\n    src/crash.ts:7:19 in countItems");
  });
});

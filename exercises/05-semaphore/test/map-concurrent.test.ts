import { points, reasonOf, useVirtualClock, valueOf } from "@course/testkit";
import { getEventListeners } from "node:events";
import { describe, expect, test } from "vitest";
import { mapConcurrent } from "../src/index.ts";
import { recordJobs } from "./helpers.ts";

const clock = useVirtualClock();

describe("mapConcurrent: results and limits", () => {
  test("mapConcurrent returns results in input order, whatever order the calls finish in", points(2), async () => {
    const jobs = recordJobs();
    const items = [
      ["slow", 300],
      ["quick", 100],
      ["medium", 200],
      ["instant", 50],
    ] as const;
    const outcome = await clock.settle(mapConcurrent(items, ([name, ms], index) => jobs.run(name, ms, `${name} #${index}`), { concurrency: 2 }));
    expect(
      valueOf(outcome),
      "results belong in the order of the items (each one what fn(item, index) resolved with), not in the order the calls finished",
    ).toEqual(["slow #0", "quick #1", "medium #2", "instant #3"]);
  });

  test("mapConcurrent never has more than `concurrency` calls in flight, and uses them all", points(2), async () => {
    const jobs = recordJobs();
    const durations = [400, 100, 250, 300, 50, 200, 150, 350, 100, 200];
    const outcome = await clock.settle(mapConcurrent(durations, (ms, index) => jobs.run(`item ${index} (${ms}ms)`, ms, index), { concurrency: 3 }));
    expect(jobs.spans).toHaveHadAtMostInFlight(3);
    expect(jobs.spans).toHavePeakInFlight(3);
    expect(valueOf(outcome), "results belong in the order of the items").toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test("mapConcurrent runs 6 calls of 1 s with a concurrency of 2 in 3 s", async () => {
    const jobs = recordJobs();
    const outcome = await clock.settle(mapConcurrent([1, 2, 3, 4, 5, 6], (n) => jobs.run(`item ${n}`, 1000, n * 10), { concurrency: 2 }));
    expect(valueOf(outcome)).toEqual([10, 20, 30, 40, 50, 60]);
    expect(outcome, "6 calls of 1 s, 2 at a time, should all be done at 3 s").toResolveAt(3000);
  });

  test("mapConcurrent with a concurrency of 1 runs the items one after another", async () => {
    const jobs = recordJobs();
    const outcome = await clock.settle(
      mapConcurrent([300, 100, 200], (ms, index) => jobs.run(`item ${index} (${ms}ms)`, ms, index), { concurrency: 1 }),
    );
    expect(valueOf(outcome, "mapConcurrent with a concurrency of 1 (the smallest limit allowed: 1 is a positive integer)")).toEqual([0, 1, 2]);
    expect(jobs.spans).toHaveRunSequentially();
    expect(outcome, "one at a time, calls of 300, 100 and 200ms are all done at 600ms").toResolveAt(600);
  });

  test("mapConcurrent starts the next item as soon as a call finishes, not batch by batch", points(2), async () => {
    const jobs = recordJobs();
    const durations = [500, 100, 100, 100, 100, 100, 300];
    const outcome = await clock.settle(mapConcurrent(durations, (ms, index) => jobs.run(`item ${index} (${ms}ms)`, ms, index), { concurrency: 3 }));
    const due = [0, 0, 0, 100, 100, 200, 200];
    const early = jobs.spans.filter((span, i) => span.start < (due[i] ?? Infinity));
    expect(
      jobs.spans.map((span) => `${span.label} started at ${span.start}ms`),
      early.length > 0
        ? `each item should start the moment a call finishes and frees one of the 3 slots, not before: ${early[0]?.label} ` +
            `started at ${early[0]?.start}ms, while 3 calls were still running`
        : "each item should start the moment a call finishes and frees a slot, " +
            "not when the whole batch is done (a pool, not Promise.all on slices)",
    ).toEqual([
      "item 0 (500ms) started at 0ms",
      "item 1 (100ms) started at 0ms",
      "item 2 (100ms) started at 0ms",
      "item 3 (100ms) started at 100ms",
      "item 4 (100ms) started at 100ms",
      "item 5 (100ms) started at 200ms",
      "item 6 (300ms) started at 200ms",
    ]);
    expect(outcome, "with a pool, the last call is done when item 0 is, at 500ms").toResolveAt(500);
  });
});

describe("mapConcurrent: failures and cancellation", () => {
  test("mapConcurrent rejects with the first failure and starts no new item after it", points(2), async () => {
    const jobs = recordJobs();
    const error = new Error("item b failed");
    const work = (name: string) =>
      name === "b" ? jobs.fail("item b (fails)", 300, error) : jobs.run(`item ${name}`, name === "a" ? 1000 : 100, name);
    const outcome = await clock.settle(mapConcurrent(["a", "b", "c", "d"], work, { concurrency: 2 }));
    expect(reasonOf(outcome), "mapConcurrent should reject with the error of the call that failed").toBe(error);
    expect(outcome, "mapConcurrent should reject as soon as item b fails (300ms), without waiting for item a").toRejectAt(300);

    await clock.advance(2000);
    expect(
      jobs.started(),
      "2 at a time, items c and d can start only when a or b is done, and b's failure (300ms) comes first: they should never start",
    ).toEqual(["item a", "item b (fails)"]);
  });

  test("mapConcurrent rejects with signal.reason when the signal aborts, and starts no new item", points(2), async () => {
    const jobs = recordJobs();
    const controller = new AbortController();
    const reason = new Error("the user left");
    setTimeout(() => controller.abort(reason), 250);
    const outcome = await clock.settle(
      mapConcurrent([0, 1, 2, 3, 4, 5], (n) => jobs.run(`item ${n}`, 200, n), { concurrency: 2, signal: controller.signal }),
    );
    expect(
      outcome,
      "the signal aborted at 250ms: mapConcurrent should reject then, at once, without waiting for the calls still " +
        "running (2 at a time, items 2 and 3 run from 200ms to 400ms)",
    ).toRejectAt(250);
    expect(reasonOf(outcome), "mapConcurrent should reject with signal.reason").toBe(reason);

    await clock.advance(2000);
    expect(
      jobs.started(),
      "2 at a time, items 0 to 3 start before the abort (at 0 and 200ms), and items 4 and 5 would start after it (at 400ms): they should never start",
    ).toEqual(["item 0", "item 1", "item 2", "item 3"]);
  });

  test("mapConcurrent removes its abort listener once it settles, however it ends", async () => {
    const jobs = recordJobs();
    const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;
    const leftOn = (how: string, count: number) =>
      `after mapConcurrent ${how}, ${count} abort listener(s) it added were still on the signal: whatever listens for ` +
      "the abort while the call runs must stop listening once it settles (removeEventListener, in a finally), or a " +
      "long-lived signal shared by many calls collects them";
    // One signal for a whole session of calls, as an app would have: it never aborts here.
    const session = new AbortController();
    const resolved = await clock.settle(mapConcurrent([1, 2, 3], (n) => jobs.run(`item ${n}`, 100, n), { concurrency: 2, signal: session.signal }));
    valueOf(resolved, "mapConcurrent, with a signal that never aborts,");
    expect(listeners(session.signal), leftOn("resolved", listeners(session.signal))).toBe(0);

    const work = (n: number) => (n === 2 ? jobs.fail("item 2 (fails)", 100, new Error("item 2 failed")) : jobs.run(`item ${n}`, 100, n));
    const failed = await clock.settle(mapConcurrent([1, 2, 3], work, { concurrency: 2, signal: session.signal }));
    reasonOf(failed, "mapConcurrent, whose item 2 fails,");
    expect(listeners(session.signal), leftOn("rejected with item 2's error", listeners(session.signal))).toBe(0);

    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("the user left")), 150);
    const aborted = await clock.settle(
      mapConcurrent([1, 2, 3, 4], (n) => jobs.run(`item ${n}`, 100, n), { concurrency: 1, signal: controller.signal }),
    );
    reasonOf(aborted, "mapConcurrent, whose signal aborts at 150ms,");
    expect(listeners(controller.signal), leftOn("rejected because its signal aborted", listeners(controller.signal))).toBe(0);
  });

  test("mapConcurrent with an already aborted signal rejects at once and calls nothing", async () => {
    const jobs = recordJobs();
    const reason = new Error("cancelled before it began");
    const outcome = await clock.settle(
      mapConcurrent([1, 2, 3], (n) => jobs.run(`item ${n}`, 100, n), { concurrency: 2, signal: AbortSignal.abort(reason) }),
    );
    expect(outcome, "a signal that is already aborted: mapConcurrent should reject at once").toRejectAt(0);
    expect(reasonOf(outcome), "mapConcurrent should reject with signal.reason").toBe(reason);
    expect(jobs.started(), "no item should start once the signal is aborted").toEqual([]);
  });

  test("mapConcurrent rejects with a RangeError when concurrency is not a positive integer", async () => {
    const jobs = recordJobs();
    for (const concurrency of [0, -1, 1.5, Number.NaN]) {
      let call: Promise<number[]> | undefined;
      expect(() => {
        call = mapConcurrent([1, 2], (n) => jobs.run(`item ${n}`, 100, n), { concurrency });
      }, `mapConcurrent returns a promise: with concurrency ${concurrency} it should reject, not throw`).not.toThrow();
      const reason = reasonOf(await clock.settle(call!));
      expect(reason, `concurrency ${concurrency} is not a positive integer: mapConcurrent should reject with a RangeError`).toBeInstanceOf(
        RangeError,
      );
    }
    expect(jobs.started(), "with a bad concurrency, no item should start").toEqual([]);
  });

  test("mapConcurrent accepts any iterable (a generator, a Set) and maps an empty one to []", async () => {
    function* letters() {
      yield "x";
      yield "y";
      yield "z";
    }
    const fromGenerator = await clock.settle(mapConcurrent(letters(), async (letter, index) => `${letter}${index}`, { concurrency: 2 }));
    expect(valueOf(fromGenerator), "a generator's items, mapped in order").toEqual(["x0", "y1", "z2"]);

    const fromSet = await clock.settle(mapConcurrent(new Set([1, 2, 3]), async (n) => n * 2, { concurrency: 10 }));
    expect(valueOf(fromSet), "a Set's items, mapped in order (a concurrency above the number of items is fine)").toEqual([2, 4, 6]);

    let called = false;
    const empty = await clock.settle(
      mapConcurrent(
        [],
        async () => {
          called = true;
        },
        { concurrency: 3 },
      ),
    );
    expect(valueOf(empty), "no items: mapConcurrent resolves to an empty list").toEqual([]);
    expect(called, "no items: fn is never called").toBe(false);
  });
});

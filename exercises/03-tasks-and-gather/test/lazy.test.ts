import { points, reasonOf, sleep, useVirtualClock, valueOf } from "@course/testkit";
import { describe, expect, test } from "vitest";
import { lazy } from "../src/index.ts";

const clock = useVirtualClock();

/** A job for `lazy`: counts its calls, and after `ms` resolves with a fresh object (or rejects with `reason`). */
function job(ms: number, reason?: unknown) {
  const job = {
    calls: 0,
    fn: () => {
      job.calls++;
      return new Promise<{ answer: number }>((resolve, reject) =>
        setTimeout(() => (reason === undefined ? resolve({ answer: 42 }) : reject(reason)), ms),
      );
    },
  };
  return job;
}

describe("lazy", () => {
  test("lazy does not call fn until the first then, and started tells whether it has", points(2), async () => {
    const work = job(100);
    const value = lazy(work.fn);
    await clock.flush();
    expect(
      work.calls,
      "lazy(fn) only wraps fn: nothing should call it until someone asks for the value with then (or await). Calling fn() in lazy() itself starts the work at once, like a plain promise",
    ).toBe(0);
    expect(value.started, "started should be false while fn has not been called").toBe(false);

    const outcome = clock.settle(value.then((v) => v.answer));
    await outcome;
    expect(work.calls, "the first then() asks for the value: that is when fn should be called, once").toBe(1);
    expect(
      value.started,
      "started should be true once fn has been called (a getter, `get started() {…}`, reads the current state each time; a plain property keeps the value it had when the object was made)",
    ).toBe(true);
    expect(valueOf(await outcome), "then() should deliver fn's value to its callback").toBe(42);
  });

  test("lazy calls fn at most once, and every awaiter gets the same result", points(2), async () => {
    const work = job(100);
    const value = lazy(work.fn);
    // Three awaiters while fn is still running…
    const outcome = await clock.settle(Promise.all([value, value.then((v) => v), (async () => await value)()]));
    const [a, b, c] = valueOf(outcome);
    expect(
      work.calls,
      "three awaiters while fn was running: fn should still be called only once. Keep the promise of the first call (not just its value, which is not there yet) and hand that same promise to every awaiter",
    ).toBe(1);
    expect(a, "every awaiter should get the very same result object").toBe(b);
    expect(a, "every awaiter should get the very same result object").toBe(c);
    // …and one that comes after it has finished.
    const late = await clock.settle(Promise.resolve(value));
    expect(valueOf(late), "an awaiter that comes after fn has finished should get the same result").toBe(a);
    expect(work.calls, "an awaiter that comes after fn has finished should not call fn again").toBe(1);
  });

  test("lazy shares fn's rejection with every awaiter, without calling fn again", async () => {
    const reason = new Error("the job failed");
    const work = job(100, reason);
    const value = lazy(work.fn);
    const first = await clock.settle(Promise.resolve(value));
    const second = await clock.settle((async () => await value)());
    expect(reasonOf(first), "awaiting it should reject with fn's rejection reason, as it is").toBe(reason);
    expect(reasonOf(second), "a later awaiter should get the same rejection").toBe(reason);
    expect(
      work.calls,
      "fn failed once: awaiting again should not call it again. Keep the promise of the first call, rejected or not, for every later awaiter",
    ).toBe(1);
  });

  test("lazy can be awaited, and its work starts at the first await, not when it is created", async () => {
    const work = job(1000);
    const value = lazy(work.fn);
    const outcome = await clock.settle(
      (async () => {
        await sleep(500);
        const { answer } = await value;
        return answer;
      })(),
    );
    expect(valueOf(outcome), "await on a lazy value should give fn's result").toBe(42);
    expect(outcome, "created at 0ms and first awaited at 500ms, a job of 1000ms should start at 500ms and finish at 1500ms").toResolveAt(1500);
  });
});

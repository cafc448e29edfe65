import { points, reasonOf, sleep, useVirtualClock, valueOf, watch } from "@course/testkit";
import { getEventListeners } from "node:events";
import { describe, expect, test } from "vitest";
import { Semaphore } from "../src/index.ts";
import { recordJobs } from "./helpers.ts";

const clock = useVirtualClock();

/** Takes one permit, checking that it is granted at once. */
async function takePermit(semaphore: Semaphore): Promise<void> {
  expect(await clock.settle(semaphore.acquire()), "with a permit free, acquire() should resolve at once").toResolveAt(clock.now());
}

describe("Semaphore: permits and waiters", () => {
  test("Semaphore constructor throws a RangeError unless permits is a positive integer", () => {
    const semaphore = new Semaphore(3);
    expect(semaphore.available, "new Semaphore(3) starts with 3 free permits").toBe(3);
    expect(semaphore.waiting, "a new semaphore has nobody waiting").toBe(0);
    for (const permits of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new Semaphore(permits), `new Semaphore(${permits}) should throw a RangeError`).toThrow(RangeError);
    }
  });

  test("Semaphore counts free permits and waiting callers as they acquire and release", points(2), async () => {
    const semaphore = new Semaphore(2);
    expect(semaphore.available, "new Semaphore(2) starts with 2 free permits").toBe(2);

    const first = watch(semaphore.acquire());
    const second = watch(semaphore.acquire());
    const third = watch(semaphore.acquire());
    await clock.flush();
    expect(
      [first.outcome.status, second.outcome.status, third.outcome.status],
      "with 2 permits, the first two acquire() calls should resolve at once and the third should wait",
    ).toEqual(["fulfilled", "fulfilled", "pending"]);
    expect(semaphore.available, "both permits are taken: none is free").toBe(0);
    expect(semaphore.waiting, "the third caller is waiting in line").toBe(1);

    semaphore.release();
    await clock.flush();
    expect(third.outcome.status, "release() should give the permit to the caller waiting for it").toBe("fulfilled");
    expect(semaphore.available, "the released permit went to the waiting caller, so none is free").toBe(0);
    expect(semaphore.waiting, "nobody is waiting any more").toBe(0);

    semaphore.release();
    expect(semaphore.available, "with nobody waiting, release() makes the permit free again").toBe(1);
    semaphore.release();
    expect(semaphore.available, "after every permit is given back, all 2 are free").toBe(2);
  });

  test("Semaphore.acquire waits until a permit is released", async () => {
    const semaphore = new Semaphore(1);
    await takePermit(semaphore);
    setTimeout(() => semaphore.release(), 500);
    const outcome = await clock.settle(semaphore.acquire());
    expect(outcome, "with no permit free, acquire() should wait until one is released (at 500ms)").toResolveAt(500);
  });

  test("Semaphore serves waiters first-in first-out", points(2), async () => {
    const semaphore = new Semaphore(1);
    await takePermit(semaphore);
    const granted: string[] = [];
    for (const name of ["first", "second", "third"]) {
      watch(semaphore.acquire(), (outcome) => granted.push(outcome.status === "fulfilled" ? name : `${name} (rejected)`));
    }
    await clock.flush();
    expect(semaphore.waiting, "three callers are waiting for the one permit").toBe(3);

    const inOrder = ["first", "second", "third"];
    for (let releases = 1; releases <= 3; releases++) {
      semaphore.release();
      await clock.flush();
      expect(
        granted,
        `after ${releases} release(s), the permit should have gone to the callers in the order they called acquire() (first in, first out)`,
      ).toEqual(inOrder.slice(0, releases));
    }
  });

  test("Semaphore hands a released permit to the first waiter, not to a newcomer", async () => {
    const semaphore = new Semaphore(1);
    await takePermit(semaphore);
    const waiter = watch(semaphore.acquire());
    await clock.flush();

    semaphore.release();
    // Arrives in the same turn as the release, before the waiter has run again.
    const newcomer = watch(semaphore.acquire());
    await clock.flush();
    expect(
      { waiter: waiter.outcome.status, newcomer: newcomer.outcome.status },
      "the released permit belongs to the caller already waiting in line; a caller that arrives just after " +
        "release() should queue behind it, not take its permit (hand the permit straight to the first waiter instead of freeing it)",
    ).toEqual({ waiter: "fulfilled", newcomer: "pending" });
    expect(semaphore.waiting, "the newcomer is now the one waiting").toBe(1);
  });

  test("Semaphore.release throws a RangeError when it would exceed the initial permits", async () => {
    const semaphore = new Semaphore(2);
    expect(() => semaphore.release(), "release() with all 2 permits already free should throw a RangeError").toThrow(RangeError);
    expect(semaphore.available, "a refused release() changes nothing").toBe(2);

    await takePermit(semaphore);
    semaphore.release();
    expect(() => semaphore.release(), "a second release() after a single acquire() should throw a RangeError").toThrow(RangeError);
    expect(semaphore.available, "a refused release() changes nothing").toBe(2);
  });
});

describe("Semaphore: giving up with an AbortSignal", () => {
  test("Semaphore.acquire rejects with signal.reason when aborted while waiting, and leaves the line", points(2), async () => {
    const semaphore = new Semaphore(1);
    await takePermit(semaphore);
    const controller = new AbortController();
    const reason = new Error("the caller gave up");
    setTimeout(() => controller.abort(reason), 300);
    const givesUp = semaphore.acquire({ signal: controller.signal });
    const staysInLine = watch(semaphore.acquire());

    const outcome = await clock.settle(givesUp);
    expect(outcome, "acquire() should reject as soon as its signal aborts (at 300ms) while it waits").toRejectAt(300);
    expect(reasonOf(outcome), "acquire() should reject with signal.reason").toBe(reason);
    expect(semaphore.waiting, "the caller that gave up should have left the line: only the other one still waits").toBe(1);
    expect(semaphore.available, "giving up neither takes nor frees a permit: the holder still has it").toBe(0);
    expect(staysInLine.outcome.status, "the other caller keeps waiting").toBe("pending");
  });

  test("Semaphore gives an aborted waiter no permit: the next release goes to the next caller still waiting", points(2), async () => {
    const semaphore = new Semaphore(1);
    await takePermit(semaphore);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("gave up")), 100);
    const givesUp = semaphore.acquire({ signal: controller.signal });
    const next = watch(semaphore.acquire());
    expect(await clock.settle(givesUp), "acquire() should reject when its signal aborts at 100ms").toRejectAt(100);

    semaphore.release();
    await clock.flush();
    expect(next.outcome.status, "the permit released after the abort should go to the next caller still waiting, not to the one that gave up").toBe(
      "fulfilled",
    );
    semaphore.release();
    expect(semaphore.available, "once the permit is given back, it is free again: the caller that gave up never held it").toBe(1);

    // The same when the one who gave up was the only one waiting.
    await takePermit(semaphore);
    const alone = new AbortController();
    setTimeout(() => alone.abort(new Error("gave up")), 100);
    expect(await clock.settle(semaphore.acquire({ signal: alone.signal })), "acquire() should reject when its signal aborts").toRejectAt(200);
    semaphore.release();
    expect(semaphore.available, "released with nobody left waiting, the permit should be free again, not handed to the caller that gave up").toBe(1);
  });

  test("Semaphore.acquire with an already aborted signal rejects at once, even with a permit free", async () => {
    const semaphore = new Semaphore(1);
    const reason = new Error("cancelled before it began");
    let call: Promise<void> | undefined;
    expect(() => {
      call = semaphore.acquire({ signal: AbortSignal.abort(reason) });
    }, "acquire() returns a promise: with an aborted signal it should reject, not throw").not.toThrow();
    const outcome = await clock.settle(call!);
    expect(outcome, "a signal that is already aborted: acquire() should reject at once, even though a permit is free").toRejectAt(0);
    expect(reasonOf(outcome), "acquire() should reject with signal.reason").toBe(reason);
    expect(semaphore.available, "the rejected acquire() should not have taken the free permit").toBe(1);

    await takePermit(semaphore);
    const queued = await clock.settle(semaphore.acquire({ signal: AbortSignal.abort(reason) }));
    expect(
      queued,
      "with no permit free, an already aborted signal should still reject at once (its abort event has already fired: check signal.aborted)",
    ).toRejectAt(0);
    expect(semaphore.waiting, "a caller whose signal is already aborted never joins the line").toBe(0);
  });

  test("Semaphore ignores an abort that comes after the permit was granted", async () => {
    const semaphore = new Semaphore(1);
    await takePermit(semaphore);
    const controller = new AbortController();
    const granted = watch(semaphore.acquire({ signal: controller.signal }));
    const second = watch(semaphore.acquire());
    const third = watch(semaphore.acquire());
    await clock.flush();
    semaphore.release();
    await clock.flush();
    expect(granted.outcome.status, "release() should give the permit to the first caller in line").toBe("fulfilled");

    controller.abort(new Error("too late"));
    await clock.flush();
    expect(semaphore.waiting, "an abort after acquire() resolved should change nothing: the two callers behind still wait").toBe(2);
    expect(semaphore.available, "an abort after acquire() resolved should change nothing: the permit is still held").toBe(0);
    semaphore.release();
    await clock.flush();
    expect([second.outcome.status, third.outcome.status], "the next release() goes to the second caller in line").toEqual(["fulfilled", "pending"]);
  });
  test("Semaphore.acquire removes its abort listener once it is granted or gives up", async () => {
    const semaphore = new Semaphore(1);
    await takePermit(semaphore);
    const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;
    const leftOn = (how: string, count: number) =>
      `after acquire() ${how}, ${count} abort listener(s) it added were still on the signal: stop listening for the ` +
      "abort once the wait is over (removeEventListener when the permit is granted; { once: true } or a removal when " +
      "it gives up), or a long-lived signal shared by many calls collects them";
    // One signal for a whole session of calls, as an app would have: it never aborts here.
    const session = new AbortController();
    const granted = watch(semaphore.acquire({ signal: session.signal }));
    await clock.flush();
    expect(listeners(session.signal), "while acquire() waits, it should listen for the abort on its signal").toBe(1);
    semaphore.release();
    await clock.flush();
    expect(granted.outcome.status, "release() should give the permit to the caller waiting for it").toBe("fulfilled");
    expect(listeners(session.signal), leftOn("was granted the permit", listeners(session.signal))).toBe(0);

    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("gave up")), 100);
    expect(
      await clock.settle(semaphore.acquire({ signal: controller.signal })),
      "acquire() should reject when its signal aborts at 100ms",
    ).toRejectAt(100);
    expect(listeners(controller.signal), leftOn("gave up because its signal aborted", listeners(controller.signal))).toBe(0);
  });
});

describe("Semaphore.withPermit", () => {
  test("Semaphore.withPermit runs fn holding a permit and resolves with its result", async () => {
    const semaphore = new Semaphore(1);
    let freeWhileRunning: number | undefined;
    const outcome = await clock.settle(
      semaphore.withPermit(async () => {
        await sleep(100);
        freeWhileRunning = semaphore.available;
        return "result";
      }),
    );
    expect(valueOf(outcome), "withPermit should resolve with what fn resolved with").toBe("result");
    expect(outcome, "withPermit should resolve when fn does (at 100ms)").toResolveAt(100);
    expect(
      freeWhileRunning,
      "fn was still running (its promise settles at 100ms), yet its permit was free again: withPermit gave the " +
        "permit back before fn's promise settled. (A `return fn()` inside try/finally returns that promise at " +
        "once, and the finally runs right then; `return await fn()` waits for it.)",
    ).toBe(0);
    expect(semaphore.available, "once fn has finished, the permit should be given back").toBe(1);

    const plain = await clock.settle(semaphore.withPermit(() => 42));
    expect(valueOf(plain), "fn may return a plain value too: withPermit resolves with it").toBe(42);
    expect(semaphore.available, "once fn has finished, the permit should be given back").toBe(1);
  });

  test("Semaphore.withPermit lets at most `permits` run at once: 6 jobs of 1 s with 2 permits finish at 3 s", points(2), async () => {
    const semaphore = new Semaphore(2);
    const jobs = recordJobs();
    const all = Promise.all([1, 2, 3, 4, 5, 6].map((n) => semaphore.withPermit(() => jobs.run(`job ${n}`, 1000, n))));
    const outcome = await clock.settle(all);
    expect(jobs.spans).toHaveHadAtMostInFlight(2);
    expect(jobs.spans).toHavePeakInFlight(2);
    expect(valueOf(outcome), "each withPermit resolves with its own job's result").toEqual([1, 2, 3, 4, 5, 6]);
    expect(outcome, "6 jobs of 1 s, 2 at a time, should all be done at 3 s").toResolveAt(3000);
  });

  test("Semaphore.withPermit gives the permit back when fn throws or rejects", points(2), async () => {
    const semaphore = new Semaphore(1);
    const jobs = recordJobs();
    const error = new Error("the job failed");
    const failing = semaphore.withPermit(() => jobs.fail("failing job", 100, error));
    const next = semaphore.withPermit(() => jobs.run("next job", 100, "next"));

    const failed = await clock.settle(failing);
    expect(reasonOf(failed), "withPermit should reject with fn's error").toBe(error);
    const after = await clock.settle(next);
    const nextJob = jobs.spans.find((span) => span.label === "next job");
    const why =
      nextJob === undefined
        ? "the failing job never gave its permit back, so the next job never ran: the permit must come back however fn ends (a finally block)"
        : nextJob.start < 100
          ? `the next job started at ${nextJob.start}ms, while the failing job still held the only permit (until it failed at 100ms): the permit came back before fn's promise settled`
          : "the failing job should give its permit back when it fails (100ms), so the next job runs and is done at 200ms";
    expect(after, why).toResolveAt(200);
    expect(semaphore.available, "all jobs are done: the permit should be free").toBe(1);

    const thrown = new Error("thrown before returning a promise");
    const outcome = await clock.settle(
      semaphore.withPermit(() => {
        throw thrown;
      }),
    );
    expect(reasonOf(outcome), "withPermit should reject with what fn threw").toBe(thrown);
    expect(semaphore.available, "the permit should be given back even when fn throws at once").toBe(1);
  });

  test("Semaphore.withPermit rejects with signal.reason when aborted while waiting, and never calls fn", async () => {
    const semaphore = new Semaphore(1);
    const jobs = recordJobs();
    const holder = semaphore.withPermit(() => jobs.run("holder", 1000, "held"));
    let calledAt: number | undefined;
    const outcome = await clock.settle(
      semaphore.withPermit(
        () => {
          calledAt = clock.now();
          return jobs.run("gave up", 100, "too late");
        },
        { signal: AbortSignal.timeout(300) },
      ),
    );
    const why =
      calledAt === undefined
        ? "the signal times out at 300ms while withPermit waits for the only permit (the holder keeps it until 1000ms): withPermit should reject then"
        : calledAt < 1000
          ? `withPermit called fn at ${calledAt}ms, while the holder should still have held the only permit (its job runs until ` +
            `1000ms): the holder's permit came back before its fn had finished`
          : `the signal timed out at 300ms, but withPermit went on waiting and called fn at ${calledAt}ms, once the holder ` +
            `was done: the signal never reached acquire(), or acquire() ignored it`;
    expect(outcome, why).toRejectAt(300);
    expect(reasonOf(outcome), "withPermit should reject with signal.reason (a TimeoutError here)").toMatchObject({ name: "TimeoutError" });
    expect(calledAt, "fn must not be called when the signal aborted before a permit was granted").toBeUndefined();
    expect(await clock.settle(holder), "the holder is not disturbed").toResolveAt(1000);
    expect(
      semaphore.available,
      "the holder was done at 1000ms, and the caller that gave up at 300ms waits no more: the permit should be free again",
    ).toBe(1);
  });
});

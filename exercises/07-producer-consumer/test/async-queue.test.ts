import { at, describeOutcome, points, reasonOf, recordSpans, sleep, useVirtualClock, valueOf, watch } from "@course/testkit";
import { getEventListeners } from "node:events";
import { describe, expect, test } from "vitest";
import { AsyncQueue, QueueClosedError } from "../src/index.ts";

const clock = useVirtualClock();

/** Takes every item left in a queue that holds no more than `limit`, without waiting. */
function drainNow<T>(queue: AsyncQueue<T>, limit = 100): T[] {
  const items: T[] = [];
  for (let taken = queue.tryGet(); taken.ok && items.length < limit; taken = queue.tryGet()) items.push(taken.value);
  return items;
}

describe("AsyncQueue: putting and getting", () => {
  test("AsyncQueue hands out items in the order they were put (first in, first out)", points(2), async () => {
    const queue = new AsyncQueue<string>();
    for (const item of ["a", "b", "c"]) valueOf(await clock.settle(queue.put(item)), `put("${item}") on a queue with room`);
    expect(queue.tryPut("d"), "tryPut on a queue with room adds the item").toBe(true);
    const got: string[] = [];
    for (let i = 0; i < 4; i++) got.push(valueOf(await clock.settle(queue.get()), `get() number ${i + 1} of 4 items put`));
    expect(got, "items come out in the order they went in").toEqual(["a", "b", "c", "d"]);
  });

  test("AsyncQueue.size counts the items in the queue, and closed tells whether close() was called", async () => {
    const queue = new AsyncQueue<number>(3);
    expect(queue.size, "a new queue is empty").toBe(0);
    expect(queue.closed, "a new queue is open").toBe(false);
    queue.tryPut(1);
    queue.tryPut(2);
    expect(queue.size, "after two items put").toBe(2);
    queue.tryGet();
    expect(queue.size, "after two put and one taken").toBe(1);
    queue.close();
    expect(queue.closed, "after close()").toBe(true);
    expect(queue.size, "close() keeps the items still in the queue").toBe(1);
  });

  test("AsyncQueue constructor throws a RangeError for a maxSize that is not a positive integer or Infinity", () => {
    const unbounded = new AsyncQueue<number>();
    for (let i = 0; i < 1000; i++) expect(unbounded.tryPut(i), "new AsyncQueue() has no size limit").toBe(true);
    expect(new AsyncQueue<number>(Infinity).tryPut(1), "new AsyncQueue(Infinity) has no size limit").toBe(true);
    expect(new AsyncQueue<number>(1).tryPut(1), "new AsyncQueue(1) holds one item").toBe(true);
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => new AsyncQueue(bad), `new AsyncQueue(${bad}) should throw a RangeError`).toThrow(RangeError);
    }
  });

  test("AsyncQueue.get waits while the queue is empty and resolves when an item is put", points(2), async () => {
    const queue = new AsyncQueue<string>();
    at(300, () => queue.put("job"));
    const outcome = await clock.settle(queue.get());
    expect(valueOf(outcome, "get() on an empty queue, with an item put at 300ms")).toBe("job");
    expect(outcome).toResolveAt(300);
    expect(queue.size, "the item went to the waiting getter, not into the queue").toBe(0);
  });

  test("AsyncQueue.put waits while the queue is full and goes in as soon as an item is taken", points(2), async () => {
    const queue = new AsyncQueue<string>(2);
    const sizes: string[] = [];
    const sample = (what: string) => sizes.push(`${String(Date.now()).padStart(4)}ms  ${what.padEnd(24)} size ${queue.size}`);
    const sizeOverTime = () => `\n\nQueue size over time (maxSize 2):\n${sizes.join("\n")}`;

    valueOf(await clock.settle(queue.put("a")), 'put("a") on an empty queue of maxSize 2');
    sample('put("a") resolved');
    valueOf(await clock.settle(queue.put("b")), 'put("b") with one free place');
    sample('put("b") resolved');
    const third = queue.put("c");
    let thirdDone = false;
    third.then(
      () => {
        thirdDone = true;
        sample('put("c") resolved');
      },
      () => sample('put("c") rejected'),
    );
    at(100, () => sample("(still full)"));
    at(500, async () => {
      const taken = await queue.get();
      sample(`get() -> "${taken}"`);
    });

    await clock.advance(499);
    expect(thirdDone, `put("c") on a full queue must wait until an item is taken (at 500ms)${sizeOverTime()}`).toBe(false);
    expect(queue.size, `a full queue of maxSize 2 holds 2 items, not more${sizeOverTime()}`).toBe(2);
    const outcome = await clock.settle(third);
    valueOf(outcome, `put("c") on a full queue, with an item taken at 500ms${sizeOverTime()}`);
    expect(outcome).toResolveAt(500);
    expect(queue.size, `after one item taken and "c" put${sizeOverTime()}`).toBe(2);
    expect(drainNow(queue), `what is left, in order${sizeOverTime()}`).toEqual(["b", "c"]);
  });

  test("AsyncQueue serves waiting getters first come, first served", points(2), async () => {
    const queue = new AsyncQueue<string>();
    const getters = [watch(queue.get()), watch(queue.get()), watch(queue.get())];
    at(100, () => queue.put("x"));
    at(200, () => queue.put("y"));
    at(300, () => queue.put("z"));
    await clock.settle(Promise.all(getters.map((getter) => getter.done)));
    const got = getters.map((getter, i) => valueOf(getter.outcome, `getter ${i + 1} of 3 waiting on an empty queue`));
    expect(got, "the getter that has waited longest gets the next item: getter 1 gets x, 2 gets y, 3 gets z").toEqual(["x", "y", "z"]);
  });

  test("AsyncQueue serves waiting putters first come, first served", async () => {
    const queue = new AsyncQueue<string>(1);
    queue.tryPut("a");
    const recorder = recordSpans();
    /** Each put is drawn from its call until it goes in; each get() is a mark when it takes an item. */
    const put = (item: string) => {
      const end = recorder.begin(`put("${item}")`);
      return watch(
        queue.put(item).then(
          () => end("done", `went in at ${Date.now()}ms`),
          () => end("failed", `rejected at ${Date.now()}ms`),
        ),
      );
    };
    const b = put("b");
    const c = put("c");
    const got: string[] = [];
    const take = async () => {
      const end = recorder.begin("get()");
      const item = await queue.get();
      got.push(item);
      end("done", `took "${item}" at ${Date.now()}ms`);
    };
    at(100, take);
    at(200, take);
    at(300, take);
    await clock.settle(Promise.all([b.done, c.done]));
    await clock.advance(300);
    const puts = recorder.spans.filter((span) => span.label.startsWith("put"));
    const early = puts.filter((span) => span.end !== undefined && span.end < 100);
    if (early.length > 0) {
      expect.fail(
        `${early.map((span) => `${span.label} went in at ${span.end}ms`).join(" and ")}, before anything was taken (100ms): ` +
          `on a queue of maxSize 1 that holds "a", a put waits for room${recorder.timeline({ countLabel: false })}`,
      );
    }
    const wentIn = Object.fromEntries(puts.map((span) => [span.label, span.end]));
    expect(
      wentIn,
      'on a full queue of maxSize 1, put("b") waited first, so it goes in at the first free place (100ms), put("c") at the next (200ms)' +
        recorder.timeline({ countLabel: false }),
    ).toEqual({ 'put("b")': 100, 'put("c")': 200 });
    expect(got, "items come out in the order they went in").toEqual(["a", "b", "c"]);
  });

  test("AsyncQueue.tryPut adds an item only when there is room, and hands it to a waiting getter first", async () => {
    const queue = new AsyncQueue<number>(2);
    expect([queue.tryPut(1), queue.tryPut(2), queue.tryPut(3)], "a queue of maxSize 2 takes two items, then refuses").toEqual([true, true, false]);
    expect(queue.size).toBe(2);
    expect(drainNow(queue), "the refused item was not added").toEqual([1, 2]);

    const waiting = queue.get();
    expect(queue.tryPut(4), "tryPut with a getter waiting").toBe(true);
    expect(valueOf(await clock.settle(waiting), "a getter waiting when tryPut(4) is called")).toBe(4);
    expect(queue.size, "the item went straight to the waiting getter").toBe(0);
  });

  test("AsyncQueue.tryGet takes the front item without waiting, or reports { ok: false } when empty", async () => {
    const queue = new AsyncQueue<string>(1);
    expect(queue.tryGet(), "tryGet on an empty queue").toEqual({ ok: false });
    queue.tryPut("a");
    const waitingPut = queue.put("b");
    expect(queue.tryGet(), "tryGet on a queue holding a").toEqual({ ok: true, value: "a" });
    valueOf(await clock.settle(waitingPut), 'put("b"), waiting on a full queue when tryGet() makes room');
    expect(queue.tryGet(), "tryGet after the waiting put went in").toEqual({ ok: true, value: "b" });
    expect(queue.tryGet(), "tryGet on the emptied queue").toEqual({ ok: false });
  });
});

describe("AsyncQueue: taskDone and join", () => {
  test("AsyncQueue.join resolves once every item put has been marked done with taskDone", points(2), async () => {
    const queue = new AsyncQueue<string>();
    expect(await clock.settle(queue.join()), "join() with nothing ever put has nothing to wait for").toResolveAt(0);

    queue.tryPut("a");
    queue.tryPut("b");
    const joined = queue.join();
    at(50, () => queue.tryGet());
    at(60, () => queue.tryGet());
    at(100, () => queue.taskDone()); // a done
    at(150, () => queue.tryPut("c")); // more work arrives while someone is joining
    at(160, () => queue.tryGet());
    at(200, () => queue.taskDone()); // b done; c is still unfinished
    at(300, () => queue.taskDone()); // c done
    const outcome = await clock.settle(joined);
    // Taking an item is not finishing it: join waits for the third taskDone() at 300ms.
    expect(outcome, "join() resolves when the last unfinished item (c, put at 150ms) is marked done at 300ms").toResolveAt(300);
  });

  test("AsyncQueue.join counts an item handed straight to a waiting getter, or moved in for a waiting putter", async () => {
    const queue = new AsyncQueue<string>(1);
    const getter = queue.get(); // waits on the empty queue
    at(10, () => queue.put("a")); // handed straight to the getter, never in the queue
    at(20, () => queue.taskDone()); // a done
    expect(valueOf(await clock.settle(getter), "get() waiting on an empty queue"), "the item put at 10ms goes to the waiting getter").toBe("a");
    expect(
      await clock.settle(queue.join()),
      "a went straight to the getter waiting for it (10ms) and was marked done at 20ms: it still counts as put, so join() waits for that taskDone()",
    ).toResolveAt(20);

    queue.tryPut("b"); // the queue (maxSize 1) is full now
    const putter = queue.put("c"); // waits for room
    const start = clock.now();
    at(100, () => queue.tryGet()); // takes b; c moves in from the waiting putter
    at(200, () => queue.taskDone()); // b done; c still unfinished
    at(300, () => queue.taskDone()); // c done
    expect(
      await clock.settle(queue.join()),
      `c moved into the queue from its waiting put() when b was taken (${start + 100}ms): it counts as put too, so join() waits ` +
        `for the second taskDone() (${start + 300}ms). (A second join() after the first resolved must work as well.)`,
    ).toResolveAt(start + 300);
    valueOf(await clock.settle(putter), 'put("c"), which waited for room');
  });

  test("AsyncQueue.taskDone throws when called more times than items were put", () => {
    const queue = new AsyncQueue<string>();
    expect(() => queue.taskDone(), "taskDone() on a queue where nothing was ever put").toThrow();
    queue.tryPut("a");
    queue.tryGet();
    expect(() => queue.taskDone(), "taskDone() for the one item put").not.toThrow();
    expect(() => queue.taskDone(), "a second taskDone() for one item put").toThrow();
  });
});

describe("AsyncQueue: close", () => {
  test("AsyncQueue.put rejects with QueueClosedError after close, and tryPut returns false", points(2), async () => {
    const queue = new AsyncQueue<string>();
    queue.tryPut("before");
    queue.close();
    const reason = reasonOf(await clock.settle(queue.put("after")), "put() on a closed queue");
    expect(reason, "put() on a closed queue rejects with QueueClosedError").toBeInstanceOf(QueueClosedError);
    expect(queue.tryPut("after too"), "tryPut on a closed queue").toBe(false);
    expect(drainNow(queue), 'what the queue holds after close(): "before" (put before close() it stays), and nothing put after it').toEqual([
      "before",
    ]);
  });

  test("AsyncQueue.get hands out the items left after close, then rejects with QueueClosedError", points(2), async () => {
    const queue = new AsyncQueue<string>();
    queue.tryPut("a");
    queue.tryPut("b");
    queue.close();
    expect(valueOf(await clock.settle(queue.get()), "get() on a closed queue that still holds a, b")).toBe("a");
    expect(valueOf(await clock.settle(queue.get()), "get() on a closed queue that still holds b")).toBe("b");
    const reason = reasonOf(await clock.settle(queue.get()), "get() on a closed, empty queue");
    expect(reason, "get() on a closed, empty queue rejects with QueueClosedError").toBeInstanceOf(QueueClosedError);
  });

  test("AsyncQueue.close rejects the getters waiting on an empty queue with QueueClosedError", points(2), async () => {
    const queue = new AsyncQueue<string>();
    const getters = [watch(queue.get()), watch(queue.get())];
    at(250, () => queue.close());
    await clock.settle(Promise.all(getters.map((getter) => getter.done)));
    for (const [i, getter] of getters.entries()) {
      const outcome = getter.outcome;
      expect(reasonOf(outcome, `getter ${i + 1} of 2, waiting when the queue is closed at 250ms`)).toBeInstanceOf(QueueClosedError);
      expect(outcome).toRejectAt(250);
    }
  });

  test("AsyncQueue.close rejects the waiting putters with QueueClosedError and never adds their items", points(2), async () => {
    const queue = new AsyncQueue<string>(1);
    queue.tryPut("in");
    const putters = [watch(queue.put("refused-1")), watch(queue.put("refused-2"))];
    await clock.flush();
    for (const [i, putter] of putters.entries()) {
      if (putter.outcome.status !== "pending") {
        expect.fail(
          `put("refused-${i + 1}") on a queue of maxSize 1 that already holds "in" should wait for room, but ${describeOutcome(putter.outcome)}, ` +
            "before anything was taken or the queue closed",
        );
      }
    }
    at(250, () => queue.close());
    await clock.settle(Promise.all(putters.map((putter) => putter.done)));
    for (const [i, putter] of putters.entries()) {
      const outcome = putter.outcome;
      expect(reasonOf(outcome, `put number ${i + 1}, waiting for room when the queue is closed at 250ms`)).toBeInstanceOf(QueueClosedError);
      expect(outcome).toRejectAt(250);
    }
    const left: string[] = [];
    for (let i = 0; i < 4; i++) {
      const outcome = await clock.settle(queue.get());
      if (outcome.status !== "fulfilled") break;
      left.push(outcome.value);
    }
    const problems = [
      ...(left.includes("in") ? [] : ['"in", which was in the queue before close(), never came out: close() keeps the items already in the queue']),
      ...left
        .filter((item) => item.startsWith("refused"))
        .map(
          (item) =>
            `"${item}" came out, but its put was rejected: a rejected put must not deliver its item later (its producer was told it failed, and may retry it)`,
        ),
    ];
    if (problems.length > 0) {
      expect.fail(
        `After close(), get() hands out what was in the queue ("in") and nothing else; it handed out ${JSON.stringify(left)}:\n  - ${problems.join("\n  - ")}`,
      );
    }
  });
});

describe("AsyncQueue: abort", () => {
  test("AsyncQueue.get with an already-aborted signal rejects with its reason and leaves the available item in the queue", points(2), async () => {
    const queue = new AsyncQueue<string>();
    queue.tryPut("job");
    const reason = new Error("consumer is shutting down");
    const outcome = await clock.settle(queue.get({ signal: AbortSignal.abort(reason) }));
    expect(reasonOf(outcome, "get() with an already-aborted signal, on a queue holding an item"), "it rejects with signal.reason").toBe(reason);
    expect(queue.size, "an aborted get() must not take the item: its caller has stopped listening, so the item would be lost").toBe(1);
    expect(queue.tryGet(), "the item is still there for the next getter").toEqual({ ok: true, value: "job" });
  });

  test("AsyncQueue.get aborted while waiting rejects with the signal's reason, and the next item goes to the next in line", points(2), async () => {
    const queue = new AsyncQueue<string>();
    const controller = new AbortController();
    const reason = new Error("consumer gave up");
    const aborted = queue.get({ signal: controller.signal });
    const next = watch(queue.get());
    at(100, () => controller.abort(reason));
    at(200, () => queue.put("first job"));
    at(300, () => queue.put("second job"));

    const abortedOutcome = await clock.settle(aborted);
    expect(reasonOf(abortedOutcome, "a get() aborted at 100ms"), "it rejects with signal.reason").toBe(reason);
    expect(abortedOutcome).toRejectAt(100);
    await clock.settle(next.done);
    const nextOutcome = next.outcome;
    expect(
      valueOf(nextOutcome, "the getter behind the aborted one, with an item put at 200ms (was the item handed to the aborted getter, and lost?)"),
      "the aborted getter left the line, so the item put at 200ms goes to the getter behind it " +
        '(if that getter got "second job", then "first job" was handed to the aborted getter, and lost)',
    ).toBe("first job");
    expect(nextOutcome).toResolveAt(200);
    await clock.advance(300);
    expect(
      drainNow(queue),
      'what is left in the queue at the end: nobody waits any more, so "second job" (put at 300ms) stays in it, alone ("first job" went to the getter behind the aborted one)',
    ).toEqual(["second job"]);
  });

  test("AsyncQueue.put with an already-aborted signal rejects with its reason and adds nothing, even when there is room", async () => {
    const queue = new AsyncQueue<string>();
    const reason = new Error("producer is shutting down");
    const outcome = await clock.settle(queue.put("never", { signal: AbortSignal.abort(reason) }));
    expect(reasonOf(outcome, "put() with an already-aborted signal"), "it rejects with signal.reason").toBe(reason);
    expect(queue.size, "an aborted put() must not add its item").toBe(0);
    queue.tryPut("ok");
    expect(drainNow(queue)).toEqual(["ok"]);
  });

  test("AsyncQueue.put and get with an already-aborted signal reject with its reason even when the queue is closed", async () => {
    const queue = new AsyncQueue<string>();
    queue.tryPut("left");
    queue.close();
    const aborted = (why: string) => AbortSignal.abort(new Error(why));
    const cases: Array<[string, AbortSignal, (signal: AbortSignal) => Promise<unknown>]> = [
      ['put("late", { signal })', aborted("producer is shutting down"), (signal) => queue.put("late", { signal })],
      ["get({ signal }) while the closed queue still holds an item", aborted("consumer is shutting down"), (signal) => queue.get({ signal })],
    ];
    for (const [call, signal, make] of cases) {
      const reason = reasonOf(await clock.settle(make(signal)), `${call} on a closed queue, with an already-aborted signal`);
      expect(
        reason,
        `${call} on a closed queue, with an already-aborted signal, should reject with signal.reason: an aborted signal is checked before anything else, "closed" included`,
      ).toBe(signal.reason);
    }
    expect(queue.size, "the aborted get() must not take the item left in the closed queue").toBe(1);
    expect(valueOf(await clock.settle(queue.get()), "get() on the closed queue that still holds an item")).toBe("left");
    const signal = aborted("consumer is shutting down");
    const reason = reasonOf(await clock.settle(queue.get({ signal })), "get({ signal }) on a closed, empty queue, with an already-aborted signal");
    expect(
      reason,
      "get({ signal }) on a closed, empty queue, with an already-aborted signal, should reject with signal.reason, not QueueClosedError: an aborted signal is checked before anything else",
    ).toBe(signal.reason);
  });

  test("AsyncQueue.put aborted while waiting for room rejects with the signal's reason and never adds its item", points(2), async () => {
    const queue = new AsyncQueue<string>(1);
    queue.tryPut("a");
    const controller = new AbortController();
    const reason = new Error("producer gave up");
    const aborted = queue.put("abandoned", { signal: controller.signal });
    const early = watch(aborted);
    const behind = watch(queue.put("b"));
    await clock.flush();
    if (early.outcome.status === "fulfilled") {
      expect.fail(
        `put("abandoned", { signal }) on a queue of maxSize 1 that already holds "a" should wait for room, but ${describeOutcome(early.outcome)}, before anything was taken`,
      );
    }
    at(100, () => controller.abort(reason));
    const got: string[] = [];
    at(200, async () => got.push(await queue.get()));
    at(300, async () => got.push(await queue.get()));

    const outcome = await clock.settle(aborted);
    expect(reasonOf(outcome, "a put() waiting for room, aborted at 100ms"), "it rejects with signal.reason").toBe(reason);
    expect(outcome).toRejectAt(100);
    await clock.settle(behind.done);
    expect(behind.outcome, 'put("b") waited behind the aborted put, so it goes in at the first free place (200ms)').toResolveAt(200);
    await clock.advance(100);
    expect(got, "the aborted put's item never goes in: only a and b come out").toEqual(["a", "b"]);
    expect(queue.size).toBe(0);
  });

  test("AsyncQueue.get and put aborted while waiting leave no abort listener on their signal", async () => {
    const queue = new AsyncQueue<number>(1);
    const getting = new AbortController();
    at(10, () => getting.abort(new Error("gave up")));
    reasonOf(await clock.settle(queue.get({ signal: getting.signal })), "get({ signal }) aborted at 10ms while waiting on an empty queue");
    queue.tryPut(1);
    const putting = new AbortController();
    at(10, () => putting.abort(new Error("gave up")));
    reasonOf(await clock.settle(queue.put(2, { signal: putting.signal })), "put(2, { signal }) aborted while waiting for room");
    for (const [call, signal] of [
      ["get", getting.signal],
      ["put", putting.signal],
    ] as const) {
      expect(
        getEventListeners(signal, "abort").length,
        `${call}() rejected when its signal aborted, yet its abort listener is still on that signal: take it back when the ` +
          "abort comes too ({ once: true } does that), not only when the call is served",
      ).toBe(0);
    }
  });

  test("AsyncQueue.get and put leave no abort listener on the signal once they have settled", async () => {
    // One signal often serves a whole run (a worker's lifetime): each call that
    // left a listener behind would keep its closure alive for as long.
    const { signal } = new AbortController();
    const listeners = () => getEventListeners(signal, "abort").length;
    const queue = new AsyncQueue<number>(1);
    for (let i = 0; i < 5; i++) {
      const waitingGet = queue.get({ signal });
      at(10, () => queue.tryPut(i));
      expect(
        valueOf(await clock.settle(waitingGet), `get({ signal }) that waited for item ${i}`),
        `get({ signal }) waited on an empty queue, and item ${i} was put 10ms later: it gets that item`,
      ).toBe(i);
    }
    queue.tryPut(99);
    for (let i = 0; i < 5; i++) {
      const waitingPut = queue.put(i, { signal });
      at(10, () => queue.tryGet());
      valueOf(await clock.settle(waitingPut), `put(${i}, { signal }) that waited for room`);
    }
    const closing = queue.put(100, { signal });
    queue.close();
    reasonOf(await clock.settle(closing), "a put(…, { signal }) waiting when the queue is closed");
    expect(listeners(), "after 11 calls that all settled, the signal should have no abort listener left: remove yours once the call settles").toBe(0);
  });
});

describe("AsyncQueue: async iteration", () => {
  test("AsyncQueue for await yields the items in order, waits for more, and ends after the last one once closed", points(2), async () => {
    const queue = new AsyncQueue<string>();
    queue.tryPut("a");
    queue.tryPut("b");
    at(100, () => queue.put("c"));
    at(200, () => queue.put("d"));
    at(300, () => queue.close());
    const seen: string[] = [];
    const consume = async () => {
      for await (const item of queue) seen.push(`${item}@${Date.now()}`);
    };
    const outcome = await clock.settle(consume());
    valueOf(outcome, `a for await loop over a queue closed at 300ms (it saw ${JSON.stringify(seen)})`);
    expect(seen, `every item, in order, each as soon as it was put (item@ms); the loop saw ${seen.join(", ")}`).toEqual([
      "a@0",
      "b@0",
      "c@100",
      "d@200",
    ]);
    expect(outcome, "the loop ends when the queue is closed and empty, without an error").toResolveAt(300);
  });

  test("AsyncQueue for await does not call taskDone: the consumer does", async () => {
    const queue = new AsyncQueue<string>();
    queue.tryPut("a");
    queue.tryPut("b");
    queue.close();
    let joined = false;
    void queue.join().then(() => (joined = true));
    const seen: string[] = [];
    const consume = async () => {
      for await (const item of queue) {
        seen.push(item);
        await sleep(100); // working on the item: it is not done yet
      }
    };
    valueOf(await clock.settle(consume()), "a for await loop over a closed queue holding a, b");
    expect(seen, "a for await loop over a closed queue still holding a, b gets both").toEqual(["a", "b"]);
    expect(joined, "the loop got both items, but nobody called taskDone(): join() must still be waiting").toBe(false);
    queue.taskDone();
    queue.taskDone();
    await clock.flush();
    expect(joined, "after the consumer's two taskDone() calls, join() resolves").toBe(true);
  });
});

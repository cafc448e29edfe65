import {
  describeOutcome,
  nextSeq,
  peakConcurrency,
  points,
  reasonOf,
  recordSpans,
  renderTimeline,
  type Settled,
  sleep,
  useVirtualClock,
  valueOf,
} from "@course/testkit";
import { describe, expect, test } from "vitest";
import { runPipeline, type PipelineResult } from "../src/index.ts";
import { exactlyOnceProblems } from "./helpers.ts";

const clock = useVirtualClock();

/** An async producer: one item every `everyMs`, `count` of them (or forever). */
async function* ticking(prefix: string, everyMs: number, count = Infinity): AsyncGenerator<string> {
  for (let i = 0; i < count; i++) {
    await sleep(everyMs);
    yield `${prefix}${i}`;
  }
}

const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

/** Handler calls as spans ("b3 by consumer 1"), plus which items each consumer handled. */
function handlerRecorder(durationOf: (item: string) => number) {
  const recorder = recordSpans();
  const handled: Array<{ item: string; consumerId: number }> = [];
  const handle = async (item: string, consumerId: number) => {
    handled.push({ item, consumerId });
    const end = recorder.begin(`${item} by consumer ${consumerId}`);
    await sleep(durationOf(item));
    end();
  };
  return { handle, handled, spans: recorder.spans };
}

/**
 * Checks that the run resolved once every handler had finished, and that every
 * item was handled exactly once; the message shows the handler timeline.
 */
function expectEachHandledOnce(
  outcome: Settled<PipelineResult>,
  handled: readonly { item: string }[],
  expected: string[],
  spans: Parameters<typeof renderTimeline>[0],
) {
  const chart = `\n\nHandlers, on the virtual clock:\n${renderTimeline(spans, { now: Date.now(), countLabel: "handlers" })}`;
  if (outcome.status === "rejected") {
    expect.fail(`runPipeline should resolve (no producer or handler in this test throws), but ${describeOutcome(outcome)}.${chart}`);
  }
  const problems = exactlyOnceProblems(
    handled.map((h) => h.item),
    expected,
  );
  const list = (lines: string[]) => lines.map((line) => `\n  - ${line}`).join("");
  if (outcome.status === "pending") {
    expect.fail(
      `runPipeline never settled: at ${outcome.at}ms nothing was left to wait for. Every consumer must learn that the work is over, ` +
        `whatever the number of producers and consumers, and only once every item has been taken.${list(problems)}${chart}`,
    );
  }
  const running = spans.filter((span) => span.end === undefined || span.end > outcome.at);
  if (running.length > 0) {
    expect.fail(
      `runPipeline resolved at ${outcome.at}ms, while ${running.length} handler(s) were still running (${running
        .slice(0, 4)
        .map((span) => span.label)
        .join(", ")}${running.length > 4 ? ", …" : ""}): it should resolve once the last handler has finished.${list(problems)}${chart}`,
    );
  }
  if (problems.length > 0) expect.fail(`Every item produced should be handled exactly once, then runPipeline resolves:${list(problems)}${chart}`);
  return outcome.value;
}

describe("runPipeline", () => {
  test("runPipeline handles every item exactly once with 2 producers and 3 consumers", points(2), async () => {
    const { handle, handled, spans } = handlerRecorder(() => 50);
    const outcome = await clock.settle(
      runPipeline({
        producers: [() => ticking("a", 30, 6), () => names("b", 6)],
        consumers: 3,
        maxSize: 2,
        handle,
      }),
    );
    const result = expectEachHandledOnce(outcome, handled, [...names("a", 6), ...names("b", 6)], spans);
    expect(result.produced, "produced: items taken from the producers and put in the queue").toBe(12);
    expect(result.consumed, "consumed: items handled (when runPipeline resolves, every handler has finished)").toBe(12);
  });

  test("runPipeline handles every item exactly once with 3 producers and 1 consumer", points(2), async () => {
    const { handle, handled, spans } = handlerRecorder(() => 10);
    const outcome = await clock.settle(
      runPipeline({
        producers: [
          () => ["a0"], // done at once
          () => ticking("b", 20, 4),
          function* () {
            yield* names("c", 7);
          },
        ],
        consumers: 1,
        maxSize: 3,
        handle,
      }),
    );
    const result = expectEachHandledOnce(outcome, handled, [...names("a", 1), ...names("b", 4), ...names("c", 7)], spans);
    expect(result, "12 items produced and handled, all by consumer 0 (when runPipeline resolves, every handler has finished)").toEqual({
      produced: 12,
      consumed: 12,
      perConsumer: [12],
    });
  });

  test("runPipeline passes consumer ids from 0 to consumers - 1 and counts each one's items in perConsumer", async () => {
    const { handle, handled, spans } = handlerRecorder((item) => (item.endsWith("0") ? 100 : 30));
    const outcome = await clock.settle(runPipeline({ producers: [() => names("j", 10)], consumers: 3, maxSize: 4, handle }));
    const result = expectEachHandledOnce(outcome, handled, names("j", 10), spans);
    const ids = [...new Set(handled.map((h) => h.consumerId))].sort();
    expect(ids, "with 3 consumers, the ids passed to handle are 0, 1 and 2").toEqual([0, 1, 2]);
    const counted = [0, 1, 2].map((id) => handled.filter((h) => h.consumerId === id).length);
    expect(result.perConsumer, "perConsumer[id] is how many items consumer `id` handled").toEqual(counted);
  });

  test("runPipeline runs as many handlers at once as there are consumers, never more", points(2), async () => {
    const { handle, handled, spans } = handlerRecorder(() => 100);
    const outcome = await clock.settle(runPipeline({ producers: [() => names("j", 12)], consumers: 3, maxSize: 2, handle }));
    expectEachHandledOnce(outcome, handled, names("j", 12), spans);
    expect(spans, "3 consumers: at most 3 handlers at once").toHaveHadAtMostInFlight(3);
    expect(spans, "12 items ready at once and 3 consumers: 3 handlers should run side by side").toHavePeakInFlight(3);
    expect(outcome, "12 items of 100ms, 3 at a time: done at 400ms, once the last handlers have finished").toResolveAt(400);
  });

  test("runPipeline keeps at most maxSize items waiting: producers wait while the queue is full", points(2), async () => {
    // Each item is drawn from the moment a producer takes it until its handler
    // starts. At most maxSize of them can be in the queue; besides, each
    // producer may hold the one item it is waiting to put, and each consumer
    // the one it is about to hand to its handler.
    const maxSize = 3;
    const producers = 2;
    const consumers = 2;
    const waiting = recordSpans();
    const ends = new Map<string, () => void>();
    const making = (prefix: string) =>
      function* () {
        for (const item of names(prefix, 8)) {
          ends.set(item, waiting.begin(`item ${item}`));
          yield item;
        }
      };
    const { handle, handled, spans } = handlerRecorder(() => 100);
    const outcome = await clock.settle(
      runPipeline({
        producers: [making("a"), making("b")],
        consumers,
        maxSize,
        handle: (item, consumerId) => {
          ends.get(item)?.();
          return handle(item, consumerId);
        },
      }),
    );
    const bound = maxSize + producers + consumers;
    const { peak, at } = peakConcurrency(waiting.spans, Date.now());
    const chart = renderTimeline(waiting.spans, { now: Date.now(), countLabel: "waiting" });
    expect(
      peak,
      `At ${at}ms, ${peak} items had been taken from the producers without being handled yet. With maxSize ${maxSize}, ` +
        `${producers} producers and ${consumers} consumers there can be at most ${bound} (${maxSize} in the queue, one in each ` +
        `producer's hands, one in each consumer's): a producer must wait while the queue is full.\n\n` +
        `Each item, from the moment a producer took it until its handler started:\n${chart}`,
    ).toBeLessThanOrEqual(bound);
    expectEachHandledOnce(outcome, handled, [...names("a", 8), ...names("b", 8)], spans);
  });

  test("runPipeline rejects with a handler's error and starts no new handler after it", points(2), async () => {
    const boom = new Error("cannot handle j1");
    let failedAt: { time: number; seq: number } | undefined;
    const recorder = recordSpans();
    const handle = async (item: string, consumerId: number) => {
      const end = recorder.begin(`${item} by consumer ${consumerId}`);
      await sleep(item === "j0" ? 100 : item === "j1" ? 30 : 10);
      if (item === "j1") {
        failedAt = { time: Date.now(), seq: nextSeq() };
        end("failed", "threw");
        throw boom;
      }
      end();
    };
    const outcome = await clock.settle(runPipeline({ producers: [() => names("j", 10)], consumers: 2, maxSize: 3, handle }));
    await clock.advance(1000); // anything still going would show now
    const chart = `\n\nHandlers, on the virtual clock:\n${renderTimeline(recorder.spans, { countLabel: "handlers" })}`;
    if (outcome.status !== "rejected") {
      expect.fail(`runPipeline, whose handler for j1 throws at 30ms, should reject with that error, but ${describeOutcome(outcome)}.${chart}`);
    }
    expect(outcome.reason, `it rejects with the handler's error itself${chart}`).toBe(boom);
    const late = recorder.spans.filter((span) => failedAt && span.startSeq > failedAt.seq);
    if (late.length > 0) {
      expect.fail(
        `After the handler for j1 failed at ${failedAt?.time}ms, no handler may start, even though items are still in the queue; ` +
          `these started after it: ${late.map((span) => `${span.label} at ${span.start}ms`).join(", ")}. ` +
          `(A closed queue still hands out what it holds.)${chart}`,
      );
    }
  });

  test("runPipeline stops taking items from the producers once a handler has failed", points(2), async () => {
    const boom = new Error("cannot handle p0-2");
    let failed: { time: number; seq: number } | undefined;
    const recorder = recordSpans();
    // Makes items forever, one every 40ms; each is drawn from the moment the producer is asked for it.
    const producer = (name: string) =>
      async function* () {
        for (let i = 0; ; i++) {
          const end = recorder.begin(`${name} making ${name}-${i}`);
          await sleep(40);
          end();
          yield `${name}-${i}`;
        }
      };
    const handle = async (item: string) => {
      const end = recorder.begin(`handler for ${item}`);
      await sleep(10);
      if (item === "p0-2") {
        failed = { time: Date.now(), seq: nextSeq() };
        end("failed", `threw at ${Date.now()}ms`);
        throw boom;
      }
      end();
    };
    const outcome = await clock.settle(runPipeline({ producers: [producer("p0"), producer("p1")], consumers: 1, maxSize: 2, handle }));
    await clock.advance(1000); // a producer still running would keep being asked for items now
    const chart = `\n\nProducers and the handler, on the virtual clock:\n${renderTimeline(recorder.spans, { now: Date.now(), countLabel: false })}`;
    if (outcome.status !== "rejected") {
      expect.fail(
        `runPipeline should reject once the handler for p0-2 fails at ${failed?.time}ms, but ${describeOutcome(outcome)}. ` +
          `With producers that never run out, it can only settle if the producers are stopped.${chart}`,
      );
    }
    expect(outcome.reason, `it rejects with the handler's error itself${chart}`).toBe(boom);
    const late = recorder.spans.filter((span) => failed && span.startSeq > failed.seq && !span.label.startsWith("handler"));
    if (late.length > 0) {
      expect.fail(
        `After the handler failed at ${failed?.time}ms, the producers must not be asked for another item, but they were: ` +
          `${late.map((span) => `${span.label} at ${span.start}ms`).join(", ")}.${chart}`,
      );
    }
    expect(clock.pendingTimers(), "nothing keeps running once runPipeline has settled").toBe(0);
  });

  test("runPipeline rejects with a producer's error, and stops the other producers and the consumers", points(2), async () => {
    const boom = new Error("the feed of a broke after a1");
    const recorder = recordSpans();
    let failed: { time: number; seq: number } | undefined;
    // a yields a0 and a1, then throws at 50ms; b would make 8 items, one every 40ms.
    const feedA = async function* () {
      yield "a0";
      await sleep(20);
      yield "a1";
      const end = recorder.begin("producer a");
      await sleep(30);
      failed = { time: Date.now(), seq: nextSeq() };
      end("failed", `threw at ${Date.now()}ms`);
      throw boom;
    };
    const feedB = async function* () {
      for (let i = 0; i < 8; i++) {
        const end = recorder.begin(`producer b making b${i}`);
        await sleep(40);
        end();
        yield `b${i}`;
      }
    };
    const handle = async (item: string) => {
      const end = recorder.begin(`handler for ${item}`);
      await sleep(30);
      end();
    };
    const outcome = await clock.settle(
      recorder.follow("runPipeline", () => runPipeline({ producers: [feedA, feedB], consumers: 1, maxSize: 2, handle })),
    );
    await clock.advance(1000); // anything still going would show now
    const chart = `\n\nProducers and handlers, on the virtual clock:\n${renderTimeline(recorder.spans, { countLabel: false })}`;
    if (outcome.status !== "rejected") {
      expect.fail(
        `producer a threw at ${failed?.time}ms, but runPipeline ${outcome.status === "fulfilled" ? `resolved at ${outcome.at}ms` : "never settled"}: ` +
          `a producer's error rejects the pipeline with that error, as a handler's does.${chart}`,
      );
    }
    expect(outcome.reason, `runPipeline should reject with producer a's own error${chart}`).toBe(boom);
    const late = recorder.spans.filter((span) => failed && span.startSeq > failed.seq).map((span) => `${span.label} at ${span.start}ms`);
    if (late.length > 0) {
      expect.fail(
        `After producer a failed at ${failed?.time}ms, nothing new may start: no handler, and no other producer asked for another item. ` +
          `Started after it: ${late.join(", ")}.${chart}`,
      );
    }
  });

  test("runPipeline settles only once no handler or producer it started is still running, also when one fails", async () => {
    const boom = new Error("cannot handle j1");
    const recorder = recordSpans();
    // j0 and j1 are ready at once; the producer then takes 150ms to make j2.
    const producer = async function* () {
      yield "j0";
      yield "j1";
      const end = recorder.begin("producer making j2");
      await sleep(150);
      end();
      yield "j2";
    };
    const handle = async (item: string) => {
      const end = recorder.begin(`handler for ${item}`);
      await sleep(item === "j1" ? 30 : 100);
      if (item === "j1") {
        end("failed", "threw at 30ms");
        throw boom;
      }
      end();
    };
    let settled: { time: number; seq: number } | undefined;
    const run = recorder.follow("runPipeline", () => runPipeline({ producers: [producer], consumers: 2, maxSize: 2, handle }));
    const mark = () => void (settled = { time: Date.now(), seq: nextSeq() });
    run.then(mark, mark);
    const outcome = await clock.settle(run);
    await clock.advance(1000); // let whatever was still running finish, to draw it
    const chart = `\n\nHandlers and the producer, on the virtual clock:\n${renderTimeline(recorder.spans, { countLabel: false })}`;
    if (outcome.status !== "rejected") {
      expect.fail(`runPipeline, whose handler for j1 throws at 30ms, should reject with that error, but ${describeOutcome(outcome)}.${chart}`);
    }
    expect(outcome.reason, `it rejects with the handler's error itself${chart}`).toBe(boom);
    const running = recorder.spans.filter((span) => settled && span.label !== "runPipeline" && (span.endSeq ?? Infinity) > settled.seq);
    if (running.length > 0) {
      expect.fail(
        `runPipeline rejected at ${settled?.time}ms, while ${running.map((span) => `${span.label} (until ${span.end ?? "never"}ms)`).join(" and ")} ` +
          `${running.length === 1 ? "was" : "were"} still running. Whoever awaits runPipeline goes on as if everything had stopped: ` +
          `it should settle only once every handler and producer it started has finished.${chart}`,
      );
    }
  });

  test("runPipeline works with the smallest sizes: one consumer and a queue of one", async () => {
    const handled: string[] = [];
    const outcome = await clock.settle(
      runPipeline({ producers: [() => ["a", "b", "c"]], consumers: 1, maxSize: 1, handle: async (item) => void handled.push(item) }),
    );
    expect(valueOf(outcome, "runPipeline({ consumers: 1, maxSize: 1 }) (1 is a positive integer: both are allowed)")).toEqual({
      produced: 3,
      consumed: 3,
      perConsumer: [3],
    });
    expect(handled, "every item handled once, in order, by the one consumer").toEqual(["a", "b", "c"]);
  });

  test("runPipeline rejects with a RangeError when consumers or maxSize is not a positive integer, before taking any item", async () => {
    let taken = 0;
    const producers = [
      function* () {
        taken++;
        yield "x";
      },
    ];
    const handle = async () => {};
    for (const [consumers, maxSize] of [
      [0, 2],
      [1.5, 2],
      [-1, 2],
      [2, 0],
      [2, -3],
      [2, 2.5],
    ] as const) {
      const outcome = await clock.settle(runPipeline({ producers, consumers, maxSize, handle }));
      expect(reasonOf(outcome, `runPipeline({ consumers: ${consumers}, maxSize: ${maxSize} })`), "it rejects with a RangeError").toBeInstanceOf(
        RangeError,
      );
    }
    expect(taken, "with bad options, no producer is asked for anything").toBe(0);
  });
});

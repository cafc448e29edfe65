// Random interleavings of every AsyncQueue operation, driven by a seeded PRNG:
// each seed is one reproducible case. Whatever happens, every item whose put
// succeeded must come out exactly once, in order, and nothing else may.
import { points, useVirtualClock } from "@course/testkit";
import { describe, expect, test } from "vitest";
import { AsyncQueue, QueueClosedError } from "../src/index.ts";
import { seededRandom } from "@course/testkit";
import { sleep } from "./helpers.ts";

const clock = useVirtualClock();

const SEEDS = Array.from({ length: 50 }, (_, i) => 1000 + i);
const STEPS = 50;

type Kind = "put" | "put+signal" | "put aborted" | "tryPut" | "get" | "get+signal" | "get aborted" | "tryGet" | "abort";

interface Call {
  id: number;
  kind: "put" | "get";
  /** What the put carries. */
  item?: number;
  controller?: AbortController;
  /** The signal was aborted before the call. */
  preAborted: boolean;
  afterClose: boolean;
  settled: boolean;
  /** The item a get resolved with. */
  got?: number;
}

interface Scenario {
  seed: number;
  maxSize: number;
  log: string[];
  problems: string[];
}

async function runScenario(seed: number, withClose: boolean): Promise<Scenario> {
  const random = seededRandom(seed);
  const maxSize = random.pick([1, 2, 3, 5, Infinity]);
  const queue = new AsyncQueue<number>(maxSize);
  const log: string[] = [];
  const problems: string[] = [];
  // The clock runs on from one seed to the next: times are shown from this case's start.
  const startedAt = Date.now();
  const now = () => Date.now() - startedAt;
  const note = (line: string) => log.push(`${String(now()).padStart(4)}ms  ${line}`);
  const problem = (text: string) => {
    problems.push(`at ${now()}ms: ${text}`);
    note(`  ^^^ ${text}`);
  };

  /** Items in the order their put succeeded, and in the order they came out. */
  const putOrder: number[] = [];
  const delivered: number[] = [];
  const calls: Call[] = [];
  let nextItem = 1;
  let closed = false;
  let phase: "puts" | "gets" | "even" = "even";
  let sizeReported = false;
  const closeAtStep = withClose ? 12 + random.int(STEPS - 20) : -1;

  const checkSize = (when: string) => {
    const size = queue.size;
    if (!(size >= 0 && size <= maxSize)) problem(`${when}: queue.size is ${size}, outside 0..${maxSize} (maxSize)`);
  };

  const goodReason = (call: Call, reason: unknown) =>
    (call.controller?.signal.aborted && reason === call.controller.signal.reason) || (closed && reason instanceof QueueClosedError);

  const follow = <T>(call: Call, promise: Promise<T>, label: string) => {
    calls.push(call);
    promise.then(
      (value) => {
        call.settled = true;
        if (call.kind === "put") {
          note(`#${call.id} ${label} -> resolved`);
          putOrder.push(call.item!);
          if (call.preAborted) problem(`#${call.id} ${label} had an already-aborted signal, yet it resolved (its item went in)`);
          if (call.afterClose) problem(`#${call.id} ${label} was called after close(), yet it resolved`);
        } else {
          note(`#${call.id} ${label} -> ${String(value)}`);
          call.got = value as number;
          delivered.push(value as number);
          if (call.preAborted) problem(`#${call.id} ${label} had an already-aborted signal, yet it took item ${String(value)}`);
        }
        checkSize(`after #${call.id} resolved`);
      },
      (reason: unknown) => {
        call.settled = true;
        const name = reason instanceof Error ? reason.name : String(reason);
        note(`#${call.id} ${label} -> rejected (${name}${reason instanceof Error && reason.message.startsWith("abort") ? `: ${reason.message}` : ""})`);
        if (!goodReason(call, reason)) {
          problem(`#${call.id} ${label} rejected with ${name}: only its own signal's reason, or QueueClosedError once the queue is closed, would do`);
        }
      },
    );
  };

  const step = (index: number) => {
    // Between steps every promise callback has run, so the queue must hold
    // exactly the items put and not yet taken.
    const expectedSize = putOrder.length - delivered.length;
    if (queue.size !== expectedSize && !sizeReported) {
      sizeReported = true; // once is enough: the log shows the rest
      problem(`queue.size is ${queue.size}, but ${putOrder.length} items were put and ${delivered.length} taken, so ${expectedSize} should be in it`);
    }
    if (index === closeAtStep) {
      note("close()");
      closed = true;
      queue.close();
      checkSize("after close()");
      return;
    }
    // Phases of mostly putting or mostly getting let lines of waiting putters
    // or getters build up, so that aborts and close() hit them.
    if (index % 8 === 0) phase = random.pick(["puts", "gets", "even"] as const);
    const puts = phase === "puts" ? 3 : 1;
    const gets = phase === "gets" ? 3 : 1;
    const abortable = calls.filter((c) => c.controller && !c.controller.signal.aborted);
    const kind = random.weighted<Kind>({
      put: 12 * puts,
      "put+signal": 10 * puts,
      "put aborted": 3,
      tryPut: 6 * puts,
      get: 12 * gets,
      "get+signal": 10 * gets,
      "get aborted": 3,
      tryGet: 6 * gets,
      ...(abortable.length > 0 ? { abort: 16 } : {}),
    });
    const id = calls.length + 1;
    if (kind === "abort") {
      const target = random.pick(abortable);
      note(`abort the signal of #${target.id}${target.settled ? " (already settled)" : ""}`);
      target.controller!.abort(new Error(`aborted #${target.id}`));
    } else if (kind === "tryPut") {
      const item = nextItem++;
      const added = queue.tryPut(item);
      note(`tryPut(${item}) -> ${added}`);
      if (added) putOrder.push(item);
      if (added && closed) problem(`tryPut(${item}) returned true after close()`);
    } else if (kind === "tryGet") {
      const taken = queue.tryGet();
      note(`tryGet() -> ${taken.ok ? taken.value : "{ ok: false }"}`);
      if (taken.ok) delivered.push(taken.value);
    } else if (kind.startsWith("put")) {
      const item = nextItem++;
      const controller = kind === "put" ? undefined : new AbortController();
      if (kind === "put aborted") controller!.abort(new Error(`aborted #${id} beforehand`));
      const label = `put(${item}${controller ? ", { signal }" : ""})${kind === "put aborted" ? " [signal already aborted]" : ""}`;
      note(`#${id} ${label}`);
      const call: Call = { id, kind: "put", item, preAborted: kind === "put aborted", afterClose: closed, settled: false, ...(controller ? { controller } : {}) };
      follow(call, queue.put(item, controller ? { signal: controller.signal } : undefined), label);
    } else {
      const controller = kind === "get" ? undefined : new AbortController();
      if (kind === "get aborted") controller!.abort(new Error(`aborted #${id} beforehand`));
      const label = `get(${controller ? "{ signal }" : ""})${kind === "get aborted" ? " [signal already aborted]" : ""}`;
      note(`#${id} ${label}`);
      const call: Call = { id, kind: "get", preAborted: kind === "get aborted", afterClose: closed, settled: false, ...(controller ? { controller } : {}) };
      follow(call, queue.get(controller ? { signal: controller.signal } : undefined), label);
    }
    checkSize(`after step ${index + 1}`);
  };

  const drive = async () => {
    for (let index = 0; index < STEPS; index++) {
      await sleep(1 + random.int(4));
      step(index);
    }
    await sleep(1);
    if (!closed) {
      note("close() (end of the random steps)");
      closed = true;
      queue.close();
    }
    await sleep(1);
  };
  const driven = await clock.settle(drive());
  if (driven.status === "rejected") {
    const reason = driven.reason;
    problem(`an operation threw: ${reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)}`);
  }

  for (const call of calls.filter((c) => !c.settled)) {
    problem(`#${call.id} ${call.kind}() is still waiting after close(): close() must release every waiting getter and putter`);
  }

  // What is left in the queue comes out with get() until it rejects.
  for (let i = 0; i < 50; i++) {
    const outcome = await clock.settle(queue.get(), { within: 10 });
    if (outcome.status === "fulfilled") {
      note(`drain: get() -> ${outcome.value}`);
      delivered.push(outcome.value);
      continue;
    }
    if (outcome.status === "pending") problem("a get() on the closed queue never settled: it should hand out what is left, then reject");
    else if (!(outcome.reason instanceof QueueClosedError)) problem("get() on the closed, empty queue should reject with QueueClosedError");
    else note("drain: get() -> rejected (QueueClosedError)");
    break;
  }

  const succeeded = new Set(putOrder);
  const seen = new Map<number, number>();
  for (const item of delivered) seen.set(item, (seen.get(item) ?? 0) + 1);
  const lost = putOrder.filter((item) => !seen.has(item));
  const twice = [...seen].filter(([, n]) => n > 1).map(([item]) => item);
  const phantom = delivered.filter((item) => !succeeded.has(item));
  if (lost.length > 0) problems.push(`lost: items ${lost.join(", ")} were put successfully but never came out`);
  if (twice.length > 0) problems.push(`duplicated: items ${twice.join(", ")} came out more than once`);
  if (phantom.length > 0) problems.push(`items ${phantom.join(", ")} came out although their put was rejected (or tryPut returned false)`);
  // Waiting callers are served first come, first served. Items are numbered in
  // the order their put was called, and a later put only finds room once every
  // earlier one still waiting has gone in: so they go in in increasing order.
  const overtaken = putOrder.findIndex((item, i) => i > 0 && item < putOrder[i - 1]!);
  if (overtaken !== -1) {
    problems.push(`putters served out of turn: item ${putOrder[overtaken]} went in after item ${putOrder[overtaken - 1]}, though its put was called earlier`);
  }
  const servedGets = calls.filter((c) => c.kind === "get" && c.got !== undefined);
  const position = (item: number) => delivered.indexOf(item);
  const jumped = servedGets.findIndex((c, i) => i > 0 && position(c.got!) < position(servedGets[i - 1]!.got!));
  if (jumped !== -1) {
    const [earlier, later] = [servedGets[jumped - 1]!, servedGets[jumped]!];
    problems.push(
      `getters served out of turn: get #${later.id} got item ${later.got} before get #${earlier.id}, which was called first, got item ${earlier.got}`,
    );
  }
  if (problems.length === 0) {
    const firstDifference = putOrder.findIndex((item, i) => delivered[i] !== item);
    if (firstDifference !== -1) {
      problems.push(
        `out of order: items went in as ${putOrder.join(", ")}\nbut came out as ${delivered.join(", ")}\n` +
          `(first difference at position ${firstDifference + 1}: getters are served first come, first served, items first in, first out)`,
      );
    }
  }
  return { seed, maxSize, log, problems };
}

function report(scenarios: Scenario[]): string {
  const failed = scenarios.filter((s) => s.problems.length > 0);
  if (failed.length === 0) return "";
  // The shortest failing case is the easiest to follow.
  const shown = failed.reduce((best, s) => (s.log.length < best.log.length ? s : best));
  return (
    `${failed.length} of ${scenarios.length} seeded cases went wrong (seeds ${failed.map((s) => s.seed).join(", ")}).\n` +
    `The shortest, seed ${shown.seed}, on a queue of maxSize ${shown.maxSize}:\n  - ${shown.problems.slice(0, 6).join("\n  - ")}\n` +
    (shown.problems.length > 6 ? `  (and ${shown.problems.length - 6} more)\n` : "") +
    "\n" +
    `What happened, step by step (#n numbers a put() or get() call; "-> …" is how it settled):\n${shown.log.join("\n")}`
  );
}

// 100 cases of about 50 steps each: well under a second on an idle machine,
// a few seconds on a loaded one; the default 5 s timeout leaves too little room.
const HAMMER = { ...points(2), timeout: 30_000 };

describe("AsyncQueue under random interleavings", () => {
  test("AsyncQueue delivers every item exactly once, in order, under seeded random put/get/tryPut/tryGet/abort interleavings", HAMMER, async () => {
    const scenarios: Scenario[] = [];
    for (const seed of SEEDS) scenarios.push(await runScenario(seed, false));
    const message = report(scenarios);
    expect(message === "", message).toBe(true);
  });

  test("AsyncQueue delivers every item exactly once, in order, when it is closed in the middle of seeded random interleavings", HAMMER, async () => {
    const scenarios: Scenario[] = [];
    for (const seed of SEEDS) scenarios.push(await runScenario(seed + 5000, true));
    const message = report(scenarios);
    expect(message === "", message).toBe(true);
  });
});

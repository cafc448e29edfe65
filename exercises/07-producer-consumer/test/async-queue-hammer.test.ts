// Random interleavings of every AsyncQueue operation, driven by a seeded PRNG:
// each seed is one reproducible case. Beside the queue under test runs a
// reference model of the contract; after every step the two must agree on how
// each call settled, on what each get() received, on tryPut/tryGet's answers
// and on the size. The first step where they differ is reported, with the
// steps that led to it. `HAMMER_SEED=1040 npm test -- hammer` reruns one seed
// and prints every step of it.
import { points, seededRandom, sleep, useVirtualClock } from "@course/testkit";
import { describe, expect, test } from "vitest";
import { AsyncQueue, QueueClosedError } from "../src/index.ts";

const clock = useVirtualClock();

const STEPS = 50;
/** Steps shown before the one that went wrong (every step with HAMMER_SEED). */
const SHOWN_STEPS = 10;
const ONLY_SEED = process.env.HAMMER_SEED === undefined ? undefined : Number(process.env.HAMMER_SEED);

type Kind = "put" | "put+signal" | "put aborted" | "tryPut" | "get" | "get+signal" | "get aborted" | "tryGet" | "abort";

/** How a call stands: still waiting, resolved (a get with an item), or rejected (and why). */
type Standing =
  | { state: "waiting" }
  | { state: "resolved"; value?: number }
  | { state: "rejected"; with: "its signal's reason" | "QueueClosedError" | string };

interface Call {
  id: number;
  op: "put" | "get";
  /** What a put carries. */
  item?: number;
  /** "#24 put(21, { signal })", as the log shows it. */
  label: string;
  controller?: AbortController;
  /** What the model says, and why. */
  model: Standing;
  modelWhy: string;
  /** What the queue under test did. */
  actual: Standing;
  /** The step it was made at. */
  step: number;
}

/** The contract, as plain bookkeeping: every call settles at the moment the contract says. */
class ModelQueue {
  readonly items: number[] = [];
  readonly getters: Call[] = [];
  readonly putters: Call[] = [];
  closed = false;
  readonly maxSize: number;

  constructor(maxSize: number) {
    this.maxSize = maxSize;
  }

  put(call: Call, aborted: boolean): void {
    if (aborted)
      return settle(
        call,
        { state: "rejected", with: "its signal's reason" },
        "its signal was already aborted, and that is checked before anything else",
      );
    if (this.closed) return settle(call, { state: "rejected", with: "QueueClosedError" }, "the queue is closed");
    const getter = this.getters[0];
    if (this.tryPut(call.item!, `put(${call.item})`)) {
      return settle(
        call,
        { state: "resolved" },
        getter ? `it handed item ${call.item} to ${getter.label.split(" ")[0]}, the getter that had waited longest` : "there was room",
      );
    }
    this.putters.push(call);
  }

  get(call: Call, aborted: boolean): void {
    if (aborted)
      return settle(
        call,
        { state: "rejected", with: "its signal's reason" },
        "its signal was already aborted: it must not take an item, even one that is there",
      );
    const taken = this.tryGet();
    if (taken !== undefined) return settle(call, { state: "resolved", value: taken }, `item ${taken} was at the front of the queue`);
    if (this.closed) return settle(call, { state: "rejected", with: "QueueClosedError" }, "the queue is closed and empty");
    this.getters.push(call);
  }

  tryPut(item: number, by = `tryPut(${item})`): boolean {
    if (this.closed) return false;
    const getter = this.getters.shift();
    if (getter) {
      settle(getter, { state: "resolved", value: item }, `${by} hands item ${item} to the getter that has waited longest`);
      return true;
    }
    if (this.items.length >= this.maxSize) return false;
    this.items.push(item);
    return true;
  }

  tryGet(): number | undefined {
    const value = this.items.shift();
    if (value === undefined) return undefined;
    const putter = this.putters.shift();
    if (putter) {
      this.items.push(putter.item!);
      settle(putter, { state: "resolved" }, `taking item ${value} freed a place, and it had waited longest among the putters`);
    }
    return value;
  }

  abort(call: Call): void {
    if (call.model.state !== "waiting") return;
    const line = call.op === "get" ? this.getters : this.putters;
    line.splice(line.indexOf(call), 1);
    settle(call, { state: "rejected", with: "its signal's reason" }, "its signal aborted while it waited: it leaves the line");
  }

  close(): void {
    this.closed = true;
    for (const call of [...this.getters.splice(0), ...this.putters.splice(0)]) {
      settle(call, { state: "rejected", with: "QueueClosedError" }, "close() releases every waiting call");
    }
  }

  /** Why a call the model keeps waiting still waits, as of now. */
  whyWaiting(call: Call): string {
    const line = call.op === "get" ? this.getters : this.putters;
    const ahead = line.slice(0, line.indexOf(call));
    const why = call.op === "get" ? "the queue is empty" : `the queue is full (maxSize ${this.maxSize})`;
    return `it waits, as ${why}${ahead.length > 0 ? `, behind ${ids(ahead)}` : ""}`;
  }

  describe(): string {
    return `queue [${this.items.join(", ")}]; getters waiting: ${ids(this.getters) || "none"}; putters waiting: ${ids(this.putters) || "none"}`;
  }
}

function settle(call: Call, standing: Standing, why: string): void {
  call.model = standing;
  call.modelWhy = why;
}

const ids = (calls: readonly Call[]) => calls.map((c) => c.label.split(" ")[0]).join(", ");

/** What the model says a call should have done: "should have resolved with item 3". */
function shouldHave(call: Call, standing: Standing): string {
  if (standing.state === "waiting") return "should still be waiting";
  if (standing.state === "resolved")
    return call.op === "get" ? `should have resolved with item ${standing.value}` : "should have resolved (its item goes in)";
  return `should have rejected with ${standing.with}`;
}

/** What the queue under test did with a call: "it resolved with item 3". */
function didActually(call: Call, standing: Standing): string {
  if (standing.state === "waiting") return "it is still waiting";
  if (standing.state === "resolved") return call.op === "get" ? `it resolved with item ${standing.value}` : "it resolved (its item went in)";
  return `it rejected with ${standing.with}`;
}

const sameStanding = (a: Standing, b: Standing) =>
  a.state === b.state &&
  (a.state !== "resolved" || a.value === (b as { value?: number }).value) &&
  (a.state !== "rejected" || a.with === (b as { with: string }).with);

const errorText = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

interface Divergence {
  /** The step after which the queue and the model first disagreed (0-based), and its time. */
  step: number;
  at: number;
  what: string[];
}

interface Scenario {
  seed: number;
  maxSize: number;
  /** One line per step and per settlement, with the step each belongs to. */
  log: Array<{ step: number; line: string }>;
  divergence?: Divergence;
  modelBefore: string;
  modelAfter: string;
}

async function runScenario(seed: number, withClose: boolean): Promise<Scenario> {
  const random = seededRandom(seed);
  const maxSize = random.pick([1, 2, 3, 5, Infinity]);
  const log: Scenario["log"] = [];
  const scenario: Scenario = { seed, maxSize, log, modelBefore: "", modelAfter: "" };
  const model = new ModelQueue(maxSize);
  // The clock runs on from one seed to the next: times are shown from this case's start.
  const startedAt = Date.now();
  const now = () => Date.now() - startedAt;
  let step = -1;
  const note = (line: string) => log.push({ step, line: `${String(now()).padStart(4)}ms  ${line}` });

  let queue: AsyncQueue<number>;
  try {
    queue = new AsyncQueue<number>(maxSize);
  } catch (error) {
    scenario.divergence = { step: 0, at: 0, what: [`new AsyncQueue(${maxSize}) threw ${errorText(error)}`] };
    return scenario;
  }

  const calls: Call[] = [];
  /** Every abort step: which call's signal, when, and whether that call had settled already. */
  const aborts: Array<{ step: number; at: number; target: Call; settled: boolean }> = [];
  let nextItem = 1;
  let phase: "puts" | "gets" | "even" = "even";
  const closeAtStep = withClose ? 12 + random.int(STEPS - 20) : -1;
  /** Problems found during the current step (a tryPut/tryGet answer, a throw). */
  let found: string[] = [];

  const follow = (call: Call, promise: Promise<unknown>) => {
    promise.then(
      (value) => {
        call.actual = call.op === "get" ? { state: "resolved", value: value as number } : { state: "resolved" };
        note(`${call.label} -> ${call.op === "get" ? String(value) : "resolved"}`);
      },
      (reason: unknown) => {
        const why =
          call.controller?.signal.aborted && reason === call.controller.signal.reason
            ? "its signal's reason"
            : reason instanceof QueueClosedError
              ? "QueueClosedError"
              : errorText(reason);
        call.actual = { state: "rejected", with: why };
        note(`${call.label} -> rejected (${why})`);
      },
    );
  };

  /** Calls put() or get() on both, as the kind of step says. */
  const call = (op: "put" | "get", kind: Kind) => {
    const id = calls.length + 1;
    const controller = kind === op ? undefined : new AbortController();
    const aborted = kind.endsWith("aborted");
    if (aborted) controller!.abort(new Error(`aborted #${id} beforehand`));
    const item = op === "put" ? nextItem++ : undefined;
    const args = op === "put" ? `${item}${controller ? ", { signal }" : ""}` : controller ? "{ signal }" : "";
    const c: Call = {
      id,
      op,
      ...(item !== undefined ? { item } : {}),
      label: `#${id} ${op}(${args})${aborted ? " [signal already aborted]" : ""}`,
      ...(controller ? { controller } : {}),
      model: { state: "waiting" },
      modelWhy: "",
      actual: { state: "waiting" },
      step,
    };
    calls.push(c);
    note(c.label);
    if (op === "put") model.put(c, aborted);
    else model.get(c, aborted);
    const options = controller ? { signal: controller.signal } : undefined;
    let promise: Promise<unknown>;
    try {
      promise = op === "put" ? queue.put(item!, options) : queue.get(options);
    } catch (error) {
      found.push(`${c.label} threw ${errorText(error)}: put() and get() return a promise, and report a failure by rejecting it`);
      c.actual = c.model; // reported already
      return;
    }
    follow(c, promise);
  };

  const act = (index: number) => {
    if (index === closeAtStep) {
      note("close()");
      model.close();
      queue.close();
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
    if (kind === "abort") {
      const target = random.pick(abortable);
      note(`abort the signal of ${target.label}${target.model.state === "waiting" ? " (waiting)" : " (already settled)"}`);
      aborts.push({ step, at: now(), target, settled: target.model.state !== "waiting" });
      model.abort(target);
      target.controller!.abort(new Error(`aborted #${target.id}`));
    } else if (kind === "tryPut") {
      const item = nextItem++;
      const expected = model.tryPut(item);
      const added = queue.tryPut(item);
      note(`tryPut(${item}) -> ${added}`);
      if (added !== expected) {
        found.push(
          `tryPut(${item}) returned ${added}, but the model says ${expected}: ` +
            (model.closed
              ? "the queue is closed"
              : expected
                ? "there was room, or a getter waiting"
                : `the queue was full (maxSize ${maxSize}) and no getter waiting`),
        );
      }
    } else if (kind === "tryGet") {
      const expected = model.tryGet();
      const taken = queue.tryGet();
      note(`tryGet() -> ${taken.ok ? taken.value : "{ ok: false }"}`);
      const got = taken.ok ? taken.value : undefined;
      if (got !== expected) {
        found.push(
          `tryGet() returned ${taken.ok ? `item ${taken.value}` : "{ ok: false }"}, but the model says ` +
            (expected === undefined ? "{ ok: false }: the queue is empty" : `item ${expected}, the one at the front of the queue`),
        );
      }
    } else {
      call(kind.startsWith("put") ? "put" : "get", kind);
    }
  };

  /** After a step and every callback it caused: does the queue still agree with the model? */
  const compare = (at: number) => {
    const what = found;
    found = [];
    for (const c of calls) {
      if (sameStanding(c.model, c.actual)) continue;
      const why = c.model.state === "waiting" ? model.whyWaiting(c) : c.modelWhy;
      // A call left waiting when it should have been served: say which signals were aborted while it waited.
      const since = c.actual.state === "waiting" ? aborts.filter((a) => a.step > c.step && a.target !== c) : [];
      const aborted =
        since.length > 0
          ? `; while it waited, these signals were aborted: ${since
              .map(
                (a) => `${a.target.label.split(" ")[0]}'s at ${a.at}ms${a.settled ? ` (${a.target.label.split(" ")[0]} had already settled)` : ""}`,
              )
              .join(", ")}`
          : "";
      what.push(`${c.label} ${shouldHave(c, c.model)} (${why}), but ${didActually(c, c.actual)}${aborted}`);
    }
    if (queue.size !== model.items.length) {
      // Every get() so far received what the model says: the difference is in the queue itself.
      const held = `the model's queue holds ${model.items.length === 0 ? "nothing" : `[${model.items.join(", ")}]`}`;
      what.push(
        queue.size < model.items.length
          ? `queue.size is ${queue.size}, but ${held}: ${model.items.length - queue.size === 1 ? "an item went missing, and no get() received it" : `${model.items.length - queue.size} items went missing, and no get() received them`}`
          : `queue.size is ${queue.size}, but ${held}: your queue holds more than it should`,
      );
    }
    if (what.length > 0) scenario.divergence = { step, at, what };
  };

  const drive = async () => {
    let modelBefore = "";
    let stepAt = 0;
    // A step's effects are compared just before the next step (or after the
    // last), once every callback and timer it caused has run: nothing else
    // happens in between, so whatever differs is that step's doing.
    const check = () => {
      compare(stepAt);
      if (scenario.divergence) Object.assign(scenario, { modelBefore, modelAfter: model.describe() });
    };
    const run = async (index: number, action: () => void) => {
      await sleep(1 + random.int(4));
      if (index > 0) check();
      if (scenario.divergence) return;
      step = index;
      stepAt = now();
      modelBefore = model.describe();
      try {
        action();
      } catch (error) {
        found.push(`it threw ${errorText(error)}`);
      }
    };
    for (let index = 0; index < STEPS && !scenario.divergence; index++) await run(index, () => act(index));
    if (!scenario.divergence && !model.closed) {
      await run(STEPS, () => {
        note("close() (end of the random steps)");
        model.close();
        queue.close();
      });
    }
    // What is left comes out with get(), then get() rejects with QueueClosedError.
    for (let drained = 0; !scenario.divergence && drained < 60; drained++) {
      const before = calls.length;
      await run(STEPS + 1 + drained, () => call("get", "get"));
      if (calls[before]?.model.state !== "resolved") break;
    }
    await sleep(1);
    if (!scenario.divergence) check();
  };
  const driven = await clock.settle(drive());
  if (driven.status !== "fulfilled" && !scenario.divergence) {
    scenario.divergence = {
      step,
      at: now(),
      what: [`the test itself could not go on: ${driven.status === "rejected" ? errorText(driven.reason) : "it never settled"}`],
    };
  }
  return scenario;
}

function report(scenarios: Scenario[], command: string): string {
  const failed = scenarios.filter((s) => s.divergence);
  if (failed.length === 0) return "";
  // The case that goes wrong soonest is the easiest to follow.
  const shown = failed.reduce((best, s) => (s.divergence!.step < best.divergence!.step ? s : best));
  const { step, at, what } = shown.divergence!;
  const firstStep = ONLY_SEED === undefined ? Math.max(0, step - SHOWN_STEPS + 1) : 0;
  const lines = shown.log.filter((entry) => entry.step >= firstStep).map((entry) => `${entry.step === step ? "> " : "  "}${entry.line}`);
  return (
    `Seed ${shown.seed}, on a queue of maxSize ${shown.maxSize}: at ${at}ms (step ${step + 1}) your queue stopped doing what the contract says.\n` +
    `  - ${what.join("\n  - ")}\n\n` +
    `The model, before that step: ${shown.modelBefore}\n` +
    `           after it:         ${shown.modelAfter}\n\n` +
    `${firstStep > 0 ? `The last ${step - firstStep + 1} steps` : "Every step"} (#n numbers a put() or get() call, "-> …" is how it settled, ">" marks the step that went wrong):\n` +
    `${lines.join("\n")}\n\n` +
    `${failed.length} of ${scenarios.length} seeded cases went wrong (seeds ${failed
      .slice(0, 8)
      .map((s) => s.seed)
      .join(", ")}${failed.length > 8 ? ", …" : ""}). ` +
    `To rerun one alone, with every step printed: HAMMER_SEED=${shown.seed} ${command}`
  );
}

// 100 cases of about 50 steps each: well under a second on an idle machine,
// a few seconds on a loaded one; the default 5 s timeout leaves too little room.
const HAMMER = { ...points(2), timeout: 30_000 };

async function hammer(seeds: number[], withClose: boolean, skip: () => void) {
  const picked = ONLY_SEED === undefined ? seeds : seeds.filter((seed) => seed === ONLY_SEED);
  if (picked.length === 0) return skip(); // HAMMER_SEED names a seed of the other test
  const scenarios: Scenario[] = [];
  for (const seed of picked) scenarios.push(await runScenario(seed, withClose));
  const message = report(scenarios, "npm test -- hammer");
  if (message) expect.fail(message);
}

describe("AsyncQueue under random interleavings", () => {
  test(
    "AsyncQueue delivers every item exactly once, in order, under seeded random put/get/tryPut/tryGet/abort interleavings",
    HAMMER,
    async (context) => {
      await hammer(
        Array.from({ length: 50 }, (_, i) => 1000 + i),
        false,
        () => context.skip(),
      );
    },
  );

  test(
    "AsyncQueue delivers every item exactly once, in order, when it is closed in the middle of seeded random interleavings",
    HAMMER,
    async (context) => {
      await hammer(
        Array.from({ length: 50 }, (_, i) => 6000 + i),
        true,
        () => context.skip(),
      );
    },
  );
});

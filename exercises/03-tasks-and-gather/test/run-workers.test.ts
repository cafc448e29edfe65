import { points, useVirtualClock, valueOf } from "@course/testkit";
import { describe, expect, test } from "vitest";
import { runWorkers } from "../src/index.ts";
import { logbook } from "./helpers.ts";

const clock = useVirtualClock();

// Three workers that take 3 s, 1 s and 2 s: started together, they finish in
// order of their delays, and the whole run takes 3 s.
const SPECS = [
  { name: "Worker-1", delayMs: 3000 },
  { name: "Worker-2", delayMs: 1000 },
  { name: "Worker-3", delayMs: 2000 },
];

describe("runWorkers", () => {
  test("runWorkers starts every worker before any of them finishes", points(2), async () => {
    const book = logbook(clock);
    valueOf(await clock.settle(runWorkers(SPECS, book.log)), "runWorkers");
    const spans = book.spans();
    // A worker whose done line comes with no wait says nothing about runWorkers' order yet.
    const rushed = SPECS.map(({ name, delayMs }) => {
      const span = spans.find((s) => s.label === name);
      return { name, delayMs, took: span?.end === undefined ? undefined : span.end - span.start };
    }).find(({ took, delayMs }) => took !== undefined && took < delayMs);
    expect(
      spans,
      rushed
        ? `${rushed.name} logged its done line ${rushed.took}ms after its start line, not ${rushed.delayMs}ms: each ` +
            "worker must wait its delayMs before it is done (see worker's own tests)"
        : "runWorkers should start all the workers first and only then wait for them (each span runs from a worker's start line to its done line)",
    ).toHaveRunConcurrently();
  });

  test("runWorkers resolves with the results in the order of specs, not the order they finish in", points(2), async () => {
    const outcome = await clock.settle(runWorkers(SPECS, () => {}));
    expect(valueOf(outcome), "one result per spec, in the order of specs").toEqual(["Worker-1 finished", "Worker-2 finished", "Worker-3 finished"]);
  });

  test("runWorkers logs every start first, then the done lines in order of delay", async () => {
    const book = logbook(clock);
    valueOf(await clock.settle(runWorkers(SPECS, book.log)));
    expect(book.timed(), "running together, the three workers all start at 0ms and finish in order of their delays: 1 s, 2 s, 3 s").toEqual([
      "Worker-1: start @0ms",
      "Worker-2: start @0ms",
      "Worker-3: start @0ms",
      "Worker-2: done @1000ms",
      "Worker-3: done @2000ms",
      "Worker-1: done @3000ms",
    ]);
  });

  test("runWorkers takes as long as the longest delay: workers of 3 s, 1 s and 2 s finish at 3 s, not 6 s", async () => {
    const outcome = await clock.settle(runWorkers(SPECS, () => {}));
    expect(
      outcome,
      outcome.status === "fulfilled" && outcome.at < 3000
        ? "runWorkers resolved before the slowest worker's 3 s were over: it should resolve once every worker is done, at 3 s"
        : "together, the workers take as long as the slowest one (3 s), not the sum of their delays (6 s)",
    ).toResolveAt(3000);
  });

  test("runWorkers of no specs resolves with an empty list", async () => {
    const outcome = await clock.settle(runWorkers([], () => {}));
    expect(outcome, "runWorkers([]) has no worker to wait for: it should resolve with [] straight away").toResolveAt(0);
    expect(valueOf(outcome)).toEqual([]);
  });
});

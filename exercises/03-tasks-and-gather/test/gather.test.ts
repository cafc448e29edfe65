import { expectSettledAt, points, reasonOf, useVirtualClock, valueOf } from "@course/testkit";
import { describe, expect, test } from "vitest";
import { gather } from "../src/index.ts";
import { show, taskRecorder, type TaskRecorder } from "./helpers.ts";

const clock = useVirtualClock();

/** A rejection reason of a kind of its own, to check it comes back untouched. */
class QuotaError extends Error {
  readonly quota = 3;
  constructor() {
    super("quota exceeded");
    this.name = "QuotaError";
  }
}

/** Three tasks that finish in another order than they are listed: at 300, 100 and 200 ms. */
const slowFastMedium = (tasks: TaskRecorder) => [
  tasks.task("slow", 300, { value: "slow" }),
  tasks.task("fast", 100, { value: "fast" }),
  tasks.task("medium", 200, { value: "medium" }),
];

describe("gather", () => {
  test("gather calls every task before any of them settles", points(2), async () => {
    const tasks = taskRecorder();
    valueOf(await clock.settle(gather(slowFastMedium(tasks))));
    expect(tasks.spans, "gather should call every task function first, and only then wait for the promises they return").toHaveRunConcurrently();
    for (const label of ["slow", "fast", "medium"]) {
      expect(tasks.calls(label), `the task "${label}" should be called exactly once`).toBe(1);
    }
  });

  test("gather resolves with the results in the order of tasks, whatever order they finish in", points(2), async () => {
    const tasks = taskRecorder();
    const outcome = await clock.settle(gather(slowFastMedium(tasks)));
    expect(valueOf(outcome), "results belong in the order of the tasks given, not in the order they finished").toEqual(["slow", "fast", "medium"]);
  });

  test("gather takes as long as the slowest task: tasks of 300, 100 and 200 ms finish at 300 ms", async () => {
    const tasks = taskRecorder();
    const outcome = await clock.settle(gather(slowFastMedium(tasks)));
    expectSettledAt(
      outcome,
      { resolvesAt: 300 },
      "Running together, the tasks take as long as the slowest one (300ms), not the sum of their times.",
      tasks.timeline(),
    );
  });

  test("gather rejects with the first failure as soon as it happens, not once every task has settled", points(2), async () => {
    const tasks = taskRecorder();
    const first = new Error("the first failure (at 200ms)");
    const later = new Error("a later failure (at 700ms)");
    const outcome = await clock.settle(
      gather([
        tasks.task("ok", 1000, { value: "ok" }),
        tasks.task("fails late", 700, { reason: later }),
        tasks.task("fails early", 200, { reason: first }),
      ]),
    );
    expectSettledAt(
      outcome,
      { rejectsAt: 200 },
      '"fails early" fails 200ms after it is called; called at once with the others, it is the first to fail, at ' +
        "200ms: gather should reject right then, without waiting for the others.",
      tasks.timeline(),
    );
    const reason = reasonOf(outcome);
    expect(reason, `gather should reject with the reason of the first task to fail ("fails early"), as it is; it rejected with ${show(reason)}`).toBe(
      first,
    );
  });

  test("gather with returnErrors puts each failure's rejection reason in its place, as it is", points(2), async () => {
    const tasks = taskRecorder();
    const quota = new QuotaError();
    const outcome = await clock.settle(
      gather(
        [
          tasks.task("a", 300, { value: "a" }),
          tasks.task("quota", 100, { reason: quota }),
          tasks.task("says no", 200, { reason: "no" }),
          tasks.task("d", 50, { value: "d" }),
        ],
        { returnErrors: true },
      ),
    );
    expectSettledAt(
      outcome,
      { resolvesAt: 300 },
      "With returnErrors, a failed task does not make gather reject: gather waits until every task has settled " +
        "(the last at 300ms) and resolves with a list in which each failure's reason takes that task's place.",
      tasks.timeline(),
    );
    const results = valueOf(outcome);
    expect(results, "one entry per task, in the order of tasks").toHaveLength(4);
    expect(results[0], 'results[0]: task "a" resolved with "a"').toBe("a");
    expect(
      results[1],
      `results[1]: task "quota" rejected with a QuotaError; that very object belongs in its place ` +
        `(not a copy, not a new Error wrapping it), got ${show(results[1])}`,
    ).toBe(quota);
    expect(
      results[2],
      `results[2]: task "says no" rejected with the string "no"; a reason can be any value, ` +
        `and it belongs in its place as it is, got ${show(results[2])}`,
    ).toBe("no");
    expect(results[3], 'results[3]: task "d" resolved with "d"').toBe("d");
  });

  test("gather with returnErrors still calls every task before any of them settles", async () => {
    const tasks = taskRecorder();
    const outcome = await clock.settle(
      gather(
        [
          tasks.task("fails", 100, { reason: new Error("boom") }),
          tasks.task("ok", 200, { value: "ok" }),
          tasks.task("fails too", 300, { reason: new Error("bang") }),
        ],
        { returnErrors: true },
      ),
    );
    valueOf(outcome);
    expect(tasks.spans, "with returnErrors too, gather should call every task function before waiting for any").toHaveRunConcurrently();
  });

  test("gather of no tasks resolves with an empty list", async () => {
    const outcome = await clock.settle(gather([]));
    expect(outcome, "gather([]) has no task to wait for: it should resolve with [] straight away").toResolveAt(0);
    expect(valueOf(outcome)).toEqual([]);
    const withErrors = await clock.settle(gather([], { returnErrors: true }));
    expect(valueOf(withErrors), "gather([], { returnErrors: true }) has nothing to wait for either").toEqual([]);
  });
});

import { points, useVirtualClock, valueOf } from "@course/testkit";
import { describe, expect, test } from "vitest";
import { worker } from "../src/index.ts";
import { logbook } from "./helpers.ts";

const clock = useVirtualClock();

describe("worker", () => {
  test('worker logs "<name>: start" at once and "<name>: done" after delayMs', points(2), async () => {
    const book = logbook(clock);
    valueOf(await clock.settle(worker("Worker-1", 3000, book.log)));
    expect(
      book.timed(),
      'worker should log "Worker-1: start" when it starts (0ms), then await sleep(3000) before logging "Worker-1: done" (3000ms)',
    ).toEqual(["Worker-1: start @0ms", "Worker-1: done @3000ms"]);
  });

  test('worker resolves with "<name> finished" once its delay is over', async () => {
    const outcome = await clock.settle(worker("Worker-2", 1000, () => {}));
    expect(valueOf(outcome)).toBe("Worker-2 finished");
    expect(outcome, "worker should resolve only after it has slept for delayMs").toResolveAt(1000);
  });
});

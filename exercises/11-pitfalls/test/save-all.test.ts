// First, before the code under test loads: it routes Node's fs through the
// tests' pretend file system (see the file), whatever the code keeps of it.
import { describeSyncCalls, fakeFs, ROOT, usePretendFs } from "./support/fake-fs.ts";
import path from "node:path";
import { collectUnhandledRejections, describeOutcome, describeReason, nextSeq, points, realTurns, useVirtualClock, valueOf } from "@course/testkit";
import { beforeEach, describe, expect, test } from "vitest";
import { saveAll } from "../src/index.ts";

// The code under test writes to a pretend file system (./support/fake-fs.ts):
// files in memory under /project, each write taking time on the virtual clock
// and recorded as a span. Nothing is written to the real disk.
const clock = useVirtualClock();
const unhandled = collectUnhandledRejections();
usePretendFs();
const dir = `${ROOT}/out`;
beforeEach(() => fakeFs.dir(dir));

const FILES = { "a.txt": "alpha", "b.json": '{"b":2}', "notes.md": "# Notes\n\nünïcödé ✓\n" };
const call = (files: Record<string, string>) => `saveAll({ ${Object.keys(files).join(", ")} }, "${dir}")`;

/** Every file in `files` holds its text now; the message names the first that does not. */
function expectWritten(files: Record<string, string>, when: string): void {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    const found = fakeFs.contents(file);
    expect(
      found,
      found === undefined
        ? `${when}, ${file} should exist, but nothing was written there yet.${fakeFs.spans.timeline()}`
        : `${when}, ${file} should hold exactly the text given for "${name}".`,
    ).toBe(text);
  }
}

describe("saveAll", () => {
  test("saveAll writes every file into dir with its contents", async () => {
    valueOf(await clock.settle(saveAll(FILES, dir)), call(FILES));
    expectWritten(FILES, "Once saveAll has resolved");
    const outside = Object.keys(fakeFs.allFiles()).filter((file) => path.dirname(file) !== dir);
    expect(outside, `saveAll should write only inside ${dir}`).toEqual([]);
  });

  test("saveAll resolves only once every write has finished", points(2), async () => {
    const files = { "small.txt": "s", "big.txt": "b".repeat(10_000), "medium.txt": "m".repeat(100) };
    fakeFs.writeTakes(path.join(dir, "small.txt"), 100);
    fakeFs.writeTakes(path.join(dir, "big.txt"), 1000);
    fakeFs.writeTakes(path.join(dir, "medium.txt"), 300);
    // The event number of the moment saveAll resolved, to compare with the writes' ends.
    const outcome = await clock.settle(saveAll(files, dir).then(() => nextSeq()));
    const resolvedSeq = valueOf(outcome, call(files));
    await clock.advance(2000); // let any write still running finish, to draw it

    const writes = fakeFs.writes();
    expect(writes.length, `saveAll should write each of the ${Object.keys(files).length} files once`).toBe(Object.keys(files).length);
    const late = writes.find((w) => w.endSeq === undefined || w.endSeq > resolvedSeq);
    expect(
      late,
      late &&
        `saveAll resolved at ${outcome.at}ms, while the write of ${path.basename(late.label)} was still running ` +
          `(it finished at ${late.end}ms). Whoever awaits saveAll goes on as if every file were saved, and never ` +
          `hears of a write that fails.${fakeFs.spans.timeline()}`,
    ).toBeUndefined();
  });

  test("saveAll rejects when a write fails", points(2), async () => {
    fakeFs.writeTakes(path.join(dir, "a.txt"), 100);
    fakeFs.writeTakes(path.join(dir, "b.json"), 200);
    fakeFs.writeTakes(path.join(dir, "notes.md"), 300);
    fakeFs.failWrite(path.join(dir, "b.json"));
    let rejectedSeq = 0;
    const outcome = await clock.settle(
      saveAll(FILES, dir).catch((error: unknown) => {
        rejectedSeq = nextSeq();
        throw error;
      }),
    );
    await clock.advance(1000); // let what is still running finish, to draw it
    const failed = fakeFs.writes().find((w) => w.outcome === "failed");
    const rejectedAfterTheFailure = outcome.status === "rejected" && failed?.endSeq !== undefined && failed.endSeq < rejectedSeq;
    if (!rejectedAfterTheFailure) {
      throw new Error(
        outcome.status === "rejected"
          ? `Expected saveAll to reject because the write of b.json failed, but ${describeOutcome(outcome)}, before any ` +
              `write had failed.${fakeFs.spans.timeline()}`
          : failed
            ? `The write of b.json failed (ENOSPC: no space left on device, at ${failed.end}ms), yet ${describeOutcome(outcome)}: ` +
              `saveAll's caller believes every file was saved.${fakeFs.spans.timeline()}`
            : `Expected saveAll to reject when the write of b.json fails, but ${describeOutcome(outcome)}, and no write of ` +
              `b.json had failed by then.${fakeFs.spans.timeline()}`,
      );
    }
    expect(outcome.reason, `saveAll should reject with an Error, not ${describeReason(outcome.reason)}`).toBeInstanceOf(Error);
  });

  test("saveAll leaves no unhandled rejection behind when a write fails", points(2), async () => {
    fakeFs.writeTakes(path.join(dir, "a.txt"), 100);
    fakeFs.writeTakes(path.join(dir, "b.json"), 200);
    fakeFs.writeTakes(path.join(dir, "notes.md"), 300);
    fakeFs.failWrite(path.join(dir, "b.json"));
    const outcome = await clock.settle(saveAll(FILES, dir));
    await clock.advance(2000); // whatever saveAll left running finishes (or fails) now
    await realTurns(); // Node reports unhandled rejections between turns of its loop
    expect(
      unhandled.reasons.map(describeReason),
      `A write failed, and its promise rejected with nobody waiting to handle it: an unhandled rejection. Since ` +
        `Node 15 one of those ends the whole program. It happens when a promise is left floating: a write ` +
        `started and not awaited, forEach(async …), or Promise.all(…) without await. (saveAll: ${describeOutcome(outcome)}.)` +
        fakeFs.spans.timeline(),
    ).toEqual([]);
    expect(fakeFs.writes().length, `saveAll wrote nothing: ${describeOutcome(outcome)}`).toBeGreaterThan(0);
  });

  test("saveAll never calls a synchronous fs function", async () => {
    const outcome = await clock.settle(saveAll(FILES, dir));
    const calls = fakeFs.syncCalls();
    expect(calls, `${call(FILES)} ${describeSyncCalls(calls)}`).toEqual([]);
    valueOf(outcome, call(FILES));
    expectWritten(FILES, "Once saveAll has resolved");
  });

  test("saveAll of no files resolves without writing anything", async () => {
    valueOf(await clock.settle(saveAll({}, dir)), `saveAll({}, "${dir}")`);
    expect(
      fakeFs.writes().map((w) => w.label),
      "nothing to save, so nothing should be written",
    ).toEqual([]);
  });
});

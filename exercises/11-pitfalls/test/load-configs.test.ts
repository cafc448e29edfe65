// First, before the code under test loads: it routes Node's fs through the
// tests' pretend file system (see the file), whatever the code keeps of it.
import { describeSyncCalls, fakeFs, ROOT, usePretendFs } from "./support/fake-fs.ts";
import { collectUnhandledRejections, describeReason, points, reasonOf, startHeartbeat, useVirtualClock, valueOf } from "@course/testkit";
import { describe, expect, test } from "vitest";
import { loadConfigs } from "../src/index.ts";

// The code under test reads from a pretend file system (./support/fake-fs.ts):
// files in memory under /project, each read taking time on the virtual clock
// and recorded as a span. Whichever asynchronous API it uses (node:fs/promises,
// fs.promises, a FileHandle, callbacks), it gets the same files and timings.
const clock = useVirtualClock();
collectUnhandledRejections();
usePretendFs();

const config = (name: string) => `${ROOT}/config/${name}`;
const call = (paths: string[]) => `loadConfigs([${paths.map((p) => `"${p.replace(`${ROOT}/`, "")}"`).join(", ")}])`;

/** Runs an assertion; when it fails, its message ends with the reads drawn on the clock. */
function withTimeline(assertion: () => void): void {
  try {
    assertion();
  } catch (error) {
    // Unless the failure drew the reads already.
    if (error instanceof Error && !/(^|\n)time \(ms\)\s/.test(error.message)) error.message += fakeFs.spans.timeline();
    throw error;
  }
}

/** Three config files, each taking `readMs` to read. */
function threeConfigs(readMs: [number, number, number] = [300, 300, 300]) {
  const files = {
    [config("app.json")]: { name: "shop", debug: false },
    [config("db.json")]: { host: "localhost", port: 5432 },
    [config("cache.json")]: { ttlSeconds: 60 },
  };
  Object.entries(files).forEach(([file, value], i) => fakeFs.file(file, JSON.stringify(value), { readMs: readMs[i]! }));
  return { paths: Object.keys(files), values: Object.values(files) };
}

describe("loadConfigs", () => {
  test("loadConfigs starts every read before any of them finishes", points(2), async () => {
    const { paths } = threeConfigs();
    valueOf(await clock.settle(loadConfigs(paths)), call(paths));
    const syncReads = fakeFs.reads().filter((span) => span.label.includes("Sync"));
    if (syncReads.length > 0) {
      // A synchronous read cannot be started beside another one: "start them all first" is no cure for it.
      withTimeline(() =>
        expect.fail(
          `The reads were synchronous (${syncReads.map((span) => span.label).join(", ")}): each one blocked the program ` +
            `until it was done, so none could start before the previous one finished. ${call(paths)} ${describeSyncCalls(fakeFs.syncCalls())}`,
        ),
      );
    }
    expect(fakeFs.reads()).toHaveRunConcurrently();
  });

  test("loadConfigs takes as long as the slowest read: three 300 ms reads finish at 300 ms, not 900 ms", async () => {
    const { paths } = threeConfigs();
    const outcome = await clock.settle(loadConfigs(paths));
    const syncReads = fakeFs.reads().filter((span) => span.label.includes("Sync"));
    if (syncReads.length > 0 && outcome.status === "fulfilled" && outcome.at < 300) {
      // On the virtual clock a synchronous read takes no time: the whole program stands still instead.
      withTimeline(() =>
        expect.fail(
          `loadConfigs resolved at ${outcome.at}ms, yet each read takes 300ms: the reads were synchronous ` +
            `(${syncReads.map((span) => span.label).join(", ")}), and a synchronous read does not wait on the clock, ` +
            `it stops the whole program until the disk answers. ${call(paths)} ${describeSyncCalls(fakeFs.syncCalls())}`,
        ),
      );
    }
    withTimeline(() => expect(outcome).toResolveAt(300));
  });

  test("loadConfigs returns the parsed configs in the order of paths, whatever order the reads finish in", async () => {
    const { paths, values } = threeConfigs([300, 200, 100]);
    const configs = valueOf(await clock.settle(loadConfigs(paths)), call(paths));
    const shown = (list: unknown) => (Array.isArray(list) ? list.map((item) => JSON.stringify(item)).join(", ") : JSON.stringify(list));
    expect(
      configs,
      `one parsed config per path, in the order of the paths given (${paths.map((p) => p.replace(`${ROOT}/`, "")).join(", ")}): ` +
        `expected ${shown(values)}, got ${shown(configs)}${fakeFs.spans.timeline()}\n`,
    ).toEqual(values);
  });

  test("loadConfigs never calls a synchronous fs function", points(2), async () => {
    const { paths, values } = threeConfigs();
    const outcome = await clock.settle(loadConfigs(paths));
    const calls = fakeFs.syncCalls();
    expect(calls, `${call(paths)} ${describeSyncCalls(calls)}`).toEqual([]);
    expect(valueOf(outcome, call(paths)), "the parsed configs, in the order of the paths").toEqual(values);
  });

  test("loadConfigs keeps the event loop running while it reads: a heartbeat keeps ticking", points(2), async () => {
    const { paths } = threeConfigs();
    const heartbeat = startHeartbeat(50);
    const ticksWhenDone = loadConfigs(paths).then(() => heartbeat.ticks);
    const outcome = await clock.settle(ticksWhenDone);
    heartbeat.stop();
    const ticks = valueOf(outcome, call(paths));
    const calls = fakeFs.syncCalls();
    expect(
      ticks,
      `A heartbeat (a setInterval of 50 ms) should keep ticking while loadConfigs waits for the disk: three 300 ms ` +
        `reads leave room for about 6 ticks. It ticked ${ticks} time(s) before loadConfigs resolved at ${outcome.at}ms.` +
        (calls.length > 0 ? ` loadConfigs ${describeSyncCalls(calls)}` : " Something kept the event loop from turning while the files were read.") +
        fakeFs.spans.timeline(),
    ).toBeGreaterThanOrEqual(5);
  });

  test("loadConfigs rejects with an error naming the path of a file that does not exist", points(2), async () => {
    const { paths } = threeConfigs();
    const missing = config("secrets.json");
    const withMissing = [paths[0]!, missing, paths[1]!];
    const reason = reasonOf(await clock.settle(loadConfigs(withMissing)), `${call(withMissing)}, with no file at ${missing},`);
    expect(reason, "loadConfigs should reject with an Error").toBeInstanceOf(Error);
    expect(
      (reason as Error).message,
      `The error should name the file that could not be loaded (${missing}), so that whoever reads it knows which ` +
        `of the files to fix. It said: ${describeReason(reason)}`,
    ).toContain(missing);
  });

  test("loadConfigs rejects with an error naming the path of a file that is not valid JSON", async () => {
    const { paths } = threeConfigs();
    const broken = config("broken.json");
    fakeFs.file(broken, '{ "name": "shop", }');
    const withBroken = [paths[0]!, broken, paths[1]!];
    const reason = reasonOf(await clock.settle(loadConfigs(withBroken)), `${call(withBroken)}, with ${broken} not valid JSON,`);
    expect(reason, "loadConfigs should reject with an Error").toBeInstanceOf(Error);
    expect(
      (reason as Error).message,
      `JSON.parse's own error ("Expected double-quoted property name…") does not say which file it was parsing. ` +
        `The error should name the file (${broken}); keep the original error as its cause if you like. It said: ` +
        describeReason(reason),
    ).toContain(broken);
  });

  test("loadConfigs closes every file it opens, also when one of them is not valid JSON", async () => {
    const { paths, values } = threeConfigs();
    const configs = valueOf(await clock.settle(loadConfigs(paths)), call(paths));
    expect(configs).toEqual(values);
    expect(fakeFs.openHandles(), `once ${call(paths)} has resolved, every file it opened should be closed again`).toEqual([]);

    const broken = config("broken.json");
    fakeFs.file(broken, "{ not json");
    await clock.settle(loadConfigs([broken, ...paths]));
    await clock.advance(1000); // reads still running when it rejected finish too
    expect(
      fakeFs.openHandles(),
      `a FileHandle left open when JSON.parse throws stays open for good: close it in a finally block ` +
        "(or with `await using`). Still open after loadConfigs rejected",
    ).toEqual([]);
  });

  test("loadConfigs of no paths resolves to an empty list", async () => {
    expect(valueOf(await clock.settle(loadConfigs([])), "loadConfigs([])")).toEqual([]);
  });
});

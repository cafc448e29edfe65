// `npm run demo`: your sumOfSquares beside a timer that should tick every
// 100 ms, compared with the given sumOfSquaresSync, for real. Given: no need
// to edit it (see README.md).
import { runDemo, seconds } from "@course/testkit/demo";

process.exitCode = await runDemo(
  {
    title: "04 · Cooperative CPU work",
    intro: ["A sum long enough to notice, and beside it a timer that should tick every 100 ms: can it?"],
  },
  async (demo) => {
    const { sumOfSquares, sumOfSquaresSync } = await import("./src/index.ts");

    // About half a second of work on this machine, whatever its speed: double
    // the count until a sum takes a tenth of a second (the first runs warm the
    // code up), then scale. Each count is timed twice, keeping the faster: a
    // pause of the whole process (a busy machine) only ever makes a run slower.
    const timed = (count: number) => {
      const begun = performance.now();
      sumOfSquaresSync(count);
      return performance.now() - begun;
    };
    let count = 50_000;
    let ms = Math.min(timed(count), timed(count));
    while (ms < 100 && count < 10_000_000) {
      count *= 2;
      ms = Math.min(timed(count), timed(count));
    }
    const n = Math.round(Math.min(20_000_000, (count * 500) / Math.max(ms, 1)) / 10_000) * 10_000;
    demo.say(`n = ${n.toLocaleString("en-US")}: about 0.5 s of work here.`);

    const expected = sumOfSquaresSync(n);
    const show = (sum: bigint) => (sum === expected ? "the right sum" : `${sum}n, not the sum sumOfSquaresSync gives (${expected}n)`);
    const beside = async (what: string, run: () => Promise<bigint> | bigint) => {
      const rows = demo.tasks("running");
      const heartbeat = demo.heartbeat(100, { log: true });
      const end = rows.begin(what);
      demo.log(`${what} starts`);
      const outcome = await demo.settle(what, run, { show });
      end(outcome.ok ? "done" : "failed");
      const { ticks, longestGapMs } = heartbeat.stop();
      demo.say(`The timer ticked ${ticks} time${ticks === 1 ? "" : "s"} in ${seconds(outcome.ms)}; its longest wait was ${seconds(longestGapMs)}.`);
      return { ticks, longestGapMs };
    };

    await demo.part(`sumOfSquaresSync(n), given: the whole sum in one go`, () => beside("sumOfSquaresSync(n)", () => sumOfSquaresSync(n)));

    await demo.part(`sumOfSquares(n), yours: in chunks of 10 000, yielding after each`, () => beside("sumOfSquares(n)", () => sumOfSquares(n)));

    await demo.part("sumOfSquares(4 × n), about 2 s of work, with a signal that aborts after 100 ms", async () => {
      const rows = demo.tasks("running");
      const end = rows.begin("sumOfSquares(4 × n, { signal })");
      const outcome = await demo.settle(
        "sumOfSquares(4 × n, { signal })",
        () => sumOfSquares(Math.max(4 * n, 8_000_000), { signal: AbortSignal.timeout(100) }),
        {
          show: (sum) => `${sum}n`,
        },
      );
      end(outcome.ok ? "done" : "failed", outcome.ok ? "finished" : `stopped at ${Math.round(outcome.ms)}ms`);
      demo.say(
        outcome.ok
          ? "It did the whole sum: the signal was never looked at."
          : `It stopped ${Math.max(0, Math.round(outcome.ms - 100))} ms after the abort: the signal is checked between chunks.`,
      );
    });
  },
);

// `npm run demo`: your Semaphore and mapConcurrent limiting real requests to
// a server on this machine. Given: no need to edit it (see README.md).
import { runDemo, seconds } from "@course/testkit/demo";

process.exitCode = await runDemo(
  {
    title: "05 · Semaphore",
    intro: ["Downloads from a server on this machine, with a limit on how many are in flight at once."],
  },
  async (demo) => {
    const { Semaphore, mapConcurrent } = await import("./src/index.ts");
    const durations = [200, 800, 200, 200, 300, 200];
    const routes = Object.fromEntries(durations.map((ms, i) => [`/files/${i + 1}`, { text: `file ${i + 1}`, after: ms }]));
    const server = await demo.server(routes, { log: "none" });
    const download = async (i: number, signal?: AbortSignal) => (await fetch(server.url(`/files/${i + 1}`), { signal })).text();
    const plan = durations.map((ms, i) => `${i + 1}: ${ms} ms`).join(", ");

    await demo.part(`new Semaphore(2) around 6 downloads (${plan})`, async () => {
      const semaphore = new Semaphore(2);
      const job = async (i: number) => {
        demo.log(`job ${i + 1}: wants a permit (free: ${semaphore.available}, waiting: ${semaphore.waiting})`);
        return semaphore.withPermit(async () => {
          demo.log(`job ${i + 1}: got one, downloads /files/${i + 1}`);
          const text = await download(i);
          demo.log(`job ${i + 1}: done, gives the permit back`);
          return text;
        });
      };
      const outcome = await demo.settle("all 6 jobs", () => Promise.all(durations.map((_, i) => job(i))));
      demo.say(`Most downloads in flight at once, as the server saw them: ${server.peakInFlight()} (the limit is 2).`);
      demo.say(`Done in ${seconds(outcome.ms)}; one at a time would take ${seconds(durations.reduce((a, b) => a + b))}.`);
    });

    await demo.part("mapConcurrent(the same 6 downloads, { concurrency: 3 })", async () => {
      await demo.settle("mapConcurrent", () =>
        mapConcurrent(
          durations.keys(),
          async (i) => {
            demo.log(`download ${i + 1} starts`);
            return download(i);
          },
          { concurrency: 3 },
        ),
      );
      demo.say(`Most in flight at once, as the server saw them: ${server.peakInFlight()} (the limit is 3).`);
      const at = (path: string) => server.requests.find((request) => request.path === path);
      const firstThree = ["/files/1", "/files/2", "/files/3"].map((path) => at(path)?.end ?? Infinity);
      const fourth = at("/files/4")?.start;
      if (fourth !== undefined) {
        demo.say(
          fourth < Math.max(...firstThree)
            ? "Download 4 started as soon as one of the first three finished, not when all three had: a pool, not batches."
            : "Download 4 waited until all of the first three had finished: batches, not a pool.",
        );
      }
    });

    await demo.part("mapConcurrent with a signal the caller aborts at 300 ms", async () => {
      const signal = demo.abortAt(300, new Error("the caller gave up"));
      let abortedAt = Infinity;
      signal.addEventListener("abort", () => (abortedAt = demo.now()));
      await demo.settle("mapConcurrent", () => mapConcurrent(durations.keys(), (i) => download(i), { concurrency: 2, signal }));
      await server.idle(1_000);
      const after = server.requests.filter((request) => request.start > abortedAt).length;
      demo.say(`Downloads started before the abort: ${server.requests.length - after}; after it: ${after}.`);
      demo.say("The ones running were not stopped (fn has no signal to stop them), but nobody waited for them.");
    });
  },
);

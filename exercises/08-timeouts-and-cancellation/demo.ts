// `npm run demo`: your withTimeout, createTask and firstOf around real
// requests to a server on this machine: deadlines and cancels that really
// stop the request. Given: no need to edit it (see README.md).
import { runDemo } from "@course/testkit/demo";

process.exitCode = await runDemo(
  {
    title: "08 · Timeouts and cancellation",
    intro: ["Requests to a server on this machine, some slow, one that never answers: which ones get stopped, and when?"],
  },
  async (demo) => {
    const { withTimeout, createTask, firstOf } = await import("./src/index.ts");
    const server = await demo.server({
      "/quick": { json: "quick answer", after: 50 },
      "/slow": { json: "slow answer", after: 1_000 },
      "/never": { never: true },
      "/mirror-a": { json: "from mirror a", after: 600 },
      "/mirror-b": { json: "from mirror b", after: 250 },
      "/mirror-c": { networkError: true, after: 100 },
    });
    const get = async (path: string, signal: AbortSignal) => (await fetch(server.url(path), { signal })).json() as Promise<string>;
    const aborted = () => server.requests.filter((request) => request.outcome === "aborted").map((request) => request.path);

    await demo.part("withTimeout: /quick (50 ms) and /slow (1 s), each with a deadline of 400 ms", async () => {
      await demo.settle("withTimeout(GET /quick, 400)", () => withTimeout((signal) => get("/quick", signal), 400));
      await demo.settle("withTimeout(GET /slow, 400)", () => withTimeout((signal) => get("/slow", signal), 400));
      await server.idle(1_000);
      demo.say(`Requests the server saw aborted: ${aborted().join(", ") || "none (the slow one ran on to its end, for nobody)"}.`);
    });

    await demo.part("createTask(GET /never), cancelled by the caller at 300 ms", async () => {
      const task = createTask((signal) => get("/never", signal));
      demo.log(`task.state: ${task.state}`);
      setTimeout(() => {
        demo.markAbort();
        demo.log(`task.cancel() returns ${task.cancel()}; task.state: ${task.state}`);
      }, 300);
      await demo.settle("task.promise", () => task.promise);
      await server.idle(1_000);
      demo.log(`task.cancel() again returns ${task.cancel()}`);
      demo.say(`Requests the server saw aborted: ${aborted().join(", ") || "none"}.`);
    });

    await demo.part("firstOf: three mirrors (a: 600 ms, b: 250 ms, c: a network error at 100 ms)", async () => {
      await demo.settle("firstOf", () => firstOf(["/mirror-a", "/mirror-b", "/mirror-c"].map((path) => (signal: AbortSignal) => get(path, signal))));
      await server.idle(1_000);
      demo.say(`Requests the server saw aborted: ${aborted().join(", ") || "none (the losers ran on to their end)"}.`);
    });
  },
);

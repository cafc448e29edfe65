// `npm run demo`: your fetchSequential and fetchConcurrent, for real, against
// a server on this machine whose answers take 400 ms each. Given: no need to
// edit it (see README.md).
import { runDemo, seconds } from "@course/testkit/demo";

process.exitCode = await runDemo(
  {
    title: "02 · Concurrent requests",
    intro: ["Three users to fetch; the server takes 400 ms to answer each one."],
  },
  async (demo) => {
    const { fetchSequential, fetchConcurrent } = await import("./src/index.ts");
    const server = await demo.server({
      "/users/1": { json: { id: 1, name: "Ada" }, after: 400 },
      "/users/2": { json: { id: 2, name: "Grace" }, after: 400 },
      "/users/3": { json: { id: 3, name: "Barbara" }, after: 400 },
      "/users/1?slow": { json: { id: 1, name: "Ada" }, after: 1_500 },
      "/broken/2": { status: 500, text: "the database is down", after: 200 },
      "/users/3?slow": { json: { id: 3, name: "Barbara" }, after: 1_500 },
    });
    const users = ["/users/1", "/users/2", "/users/3"].map((path) => server.url(path));

    const sequential = await demo.part("fetchSequential: one request after another", async () => {
      const outcome = await demo.settle("fetchSequential", () => fetchSequential(users));
      return outcome.ms;
    });

    const concurrent = await demo.part("fetchConcurrent: every request at once", async () => {
      const outcome = await demo.settle("fetchConcurrent", () => fetchConcurrent(users));
      demo.say(`Most requests in flight at once, as the server saw them: ${server.peakInFlight()}.`);
      return outcome.ms;
    });

    await demo.part("fetchConcurrent when one request fails: /broken/2 answers 500 at 200 ms, the others take 1.5 s", async () => {
      const urls = ["/users/1?slow", "/broken/2", "/users/3?slow"].map((path) => server.url(path));
      await demo.settle("fetchConcurrent", () => fetchConcurrent(urls));
      await server.idle(1_000);
      const cut = server.requests.filter((request) => request.outcome === "aborted").map((request) => request.path);
      const failedAt = server.requests.find((request) => request.path === "/broken/2")?.end ?? Infinity;
      const ranOn = server.requests.filter(
        (request) => request.path !== "/broken/2" && request.outcome !== "aborted" && (request.end ?? Infinity) > failedAt,
      );
      if (cut.length > 0) demo.say(`Aborted after the failure, as the server saw it: ${cut.join(", ")}.`);
      if (ranOn.length > 0) demo.say(`Ran on after the failure, for nobody to read: ${ranOn.map((request) => request.path).join(", ")}.`);
      if (cut.length === 0 && ranOn.length === 0) demo.say("Nothing was aborted, and nothing else was running by then.");
    });

    if (sequential !== undefined && concurrent !== undefined) {
      demo.say("");
      demo.say(`One after another: ${seconds(sequential)}. All at once: ${seconds(concurrent)}.`);
    }
  },
);

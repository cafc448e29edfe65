// `npm run demo`: your fetchWithRetry and retry against a server on this
// machine that fails a few times before it answers, for real. Given: no need
// to edit it (see README.md).
import { runDemo, seconds } from "@course/testkit/demo";

process.exitCode = await runDemo(
  {
    title: "09 · Retry and backoff",
    intro: ["A server on this machine that is busy for a while: watch the waits between attempts grow."],
  },
  async (demo) => {
    const { fetchWithRetry, retry } = await import("./src/index.ts");
    const server = await demo.server({
      "/flaky": [
        { status: 503, after: 20 },
        { status: 503, after: 20 },
        { status: 503, after: 20 },
        { json: { ok: true }, after: 20 },
      ],
      "/busy": [
        { status: 429, headers: { "retry-after": "1" }, after: 20 },
        { json: { ok: true }, after: 20 },
      ],
      "/missing": { status: 404, text: "not found", after: 20 },
    });
    const status = (response: Response) => `${response.status} ${response.statusText}`;
    const gaps = () => {
      const starts = server.requests.map((request) => request.start);
      return starts.slice(1).map((start, i) => seconds(start - starts[i]!));
    };

    await demo.part("fetchWithRetry(/flaky, { baseDelayMs: 100 }): 503, 503, 503, then 200", async () => {
      await demo.settle("fetchWithRetry", () => fetchWithRetry(server.url("/flaky"), { baseDelayMs: 100 }), { show: status });
      demo.say(
        `Requests: ${server.requests.length}; time between their starts: ${gaps().join(", ") || "none"} (100 ms, then twice that, and so on).`,
      );
    });

    await demo.part("fetchWithRetry(/busy): 429 with Retry-After: 1, then 200", async () => {
      await demo.settle("fetchWithRetry", () => fetchWithRetry(server.url("/busy"), { baseDelayMs: 100 }), { show: status });
      demo.say(
        `Time between the two requests: ${gaps().join(", ") || "no second request"} (the server asked for 1 s, not the 100 ms of the backoff).`,
      );
    });

    await demo.part("fetchWithRetry(/missing): a 404", async () => {
      await demo.settle("fetchWithRetry", () => fetchWithRetry(server.url("/missing"), { baseDelayMs: 100 }), { show: status });
      demo.say(`Requests: ${server.requests.length} (a 404 is an answer: asking again would not change it).`);
    });

    await demo.part('retry(fails 3 times, { retries: 5, baseDelayMs: 100, jitter: "full" })', async () => {
      const rows = demo.tasks("attempts running");
      let last = 0;
      const outcome = await demo.settle("retry", () =>
        retry(
          async (attempt) => {
            demo.log(`attempt ${attempt}${attempt > 1 ? `, after a wait of ${seconds(demo.now() - last)}` : ""}`);
            const end = rows.begin(`attempt ${attempt}`);
            await demo.wait(50);
            last = demo.now();
            end(attempt <= 3 ? "failed" : "done");
            if (attempt <= 3) throw new Error(`attempt ${attempt} failed`);
            return `attempt ${attempt} worked`;
          },
          { retries: 5, baseDelayMs: 100, jitter: "full" },
        ),
      );
      if (outcome.ok) demo.say("Each wait is a random part of 100 ms, 200 ms, 400 ms…: clients that failed together do not all come back at once.");
    });
  },
);

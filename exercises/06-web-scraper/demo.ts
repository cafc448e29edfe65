// `npm run demo`: your scrapeUrls scraping a small site on this machine, for
// real: a limit, a timeout that cancels, pages that fail. Given: no need to
// edit it (see README.md).
import { runDemo, seconds } from "@course/testkit/demo";
import type { ScrapeResult } from "./src/index.ts";

process.exitCode = await runDemo(
  {
    title: "06 · A web scraper",
    intro: ["Eight pages on a server on this machine: quick ones, slow ones, a 404, a 500, one that never answers, one whose connection drops."],
  },
  async (demo) => {
    const { scrapeUrls } = await import("./src/index.ts");
    const page = (words: number) => `<html><body>${"lorem ipsum ".repeat(words)}</body></html>`;
    const server = await demo.server(
      {
        "/home": { text: page(100), after: 150 },
        "/about": { text: page(40), after: 300 },
        "/blog": { text: page(250), after: 250 },
        "/missing": { status: 404, text: "not found", after: 100 },
        "/slow": { never: true },
        "/down": { networkError: true, after: 50 },
        "/contact": { text: page(20), after: 200 },
        "/error": { status: 500, text: "internal error", after: 100 },
      },
      { log: "none" },
    );
    const urls = ["/home", "/about", "/blog", "/missing", "/slow", "/down", "/contact", "/error"].map((path) => server.url(path));
    const short = (url: string) => new URL(url).pathname;
    const describe = (result: ScrapeResult) =>
      result.success
        ? `${short(result.url).padEnd(9)} ${result.status}  ${result.contentLength} characters in ${seconds(result.durationMs)}`
        : `${short(result.url).padEnd(9)} failed: ${result.error} (after ${seconds(result.durationMs)})`;

    await demo.part("scrapeUrls(8 URLs, { maxConcurrent: 3, timeoutMs: 500 })", async () => {
      const outcome = await demo.settle(
        "scrapeUrls",
        () => scrapeUrls(urls, { maxConcurrent: 3, timeoutMs: 500, onResult: (result) => demo.log(`onResult: ${describe(result)}`) }),
        { show: (results) => `${results.length} results, in the order of the URLs` },
      );
      if (outcome.ok) for (const result of outcome.value) demo.say(`  ${describe(result)}`);
      await server.idle(1_000);
      demo.say(`Most requests in flight at once, as the server saw them: ${server.peakInFlight()} (the limit is 3).`);
      const slow = server.requests.find((request) => request.path === "/slow");
      demo.say(
        slow?.outcome === "aborted"
          ? "/slow was cut off at its deadline: the server saw the connection drop."
          : "/slow was never cut off by the client: the server saw no abort.",
      );
    });

    await demo.part("scrapeUrls with a signal the caller aborts at 250 ms", async () => {
      const signal = demo.abortAt(250, new Error("the caller gave up"));
      await demo.settle("scrapeUrls", () =>
        scrapeUrls(urls, { maxConcurrent: 3, timeoutMs: 500, signal, onResult: (result) => demo.log(`onResult: ${describe(result)}`) }),
      );
      await server.idle(1_000);
      const cut = server.requests.filter((request) => request.outcome === "aborted").map((request) => request.path);
      demo.say(`Requests the server saw aborted: ${cut.length > 0 ? cut.join(", ") : "none"}.`);
    });
  },
);

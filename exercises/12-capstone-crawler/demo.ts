// `npm run demo`: your crawl crawling a small site on this machine, for real:
// a limit, a deadline per request, retries, pages that fail, and a crawl the
// caller stops. Given: no need to edit it (see README.md).
import { runDemo } from "@course/testkit/demo";
import type { Reply } from "@course/testkit/demo";

/** An HTML page that links to `links`, answered after `after` ms. */
const page = (after: number, ...links: string[]): Reply => ({
  after,
  headers: { "content-type": "text/html; charset=utf-8" },
  text: `<html><body>${links.map((href) => `<a href="${href}">${href}</a>`).join(" ")}</body></html>`,
});

const site: Record<string, Reply> = {
  "/": page(80, "/docs/", "/blog/", "/about", "https://elsewhere.test/"),
  "/docs/": page(120, "intro", "api", "/", "intro#setup"),
  "/docs/intro": page(100, "api", "/docs/"),
  "/docs/api": page(150, "intro", "/missing"),
  "/blog/": page(100, "1", "2", "/slow"),
  "/blog/1": page(120, "2", "/"),
  "/blog/2": page(90, "1", "/down"),
  "/about": { after: 60, text: "plain text: no links to follow" },
  "/missing": { after: 50, status: 404, text: "not found" },
  "/slow": { never: true },
  "/down": { after: 30, networkError: true },
};

process.exitCode = await runDemo(
  {
    title: "12 · Capstone: a web crawler",
    intro: ["A small site on this machine: pages that link to each other, a 404, a page that never answers, one whose connection drops."],
  },
  async (demo) => {
    const { crawl } = await import("./src/index.ts");
    const server = await demo.server(site, { log: "none" });
    const short = (url: string) => url.replace(server.origin, "");
    const options = { maxConcurrent: 3, maxDepth: 3, timeoutMs: 300, retries: 1 };

    await demo.part("crawl(/, { maxConcurrent: 3, maxDepth: 3, timeoutMs: 300, retries: 1 })", async () => {
      const outcome = await demo.settle("crawl", () => crawl(server.url("/"), options), {
        show: (result) => `${result.pages.length} pages, ${result.errors.length} errors`,
      });
      if (outcome.ok) {
        for (const found of outcome.value.pages) {
          demo.say(
            `  depth ${found.depth}  ${short(found.url).padEnd(12)} ${found.status}  ${found.links.length} link${found.links.length === 1 ? "" : "s"}`,
          );
        }
        for (const error of outcome.value.errors) demo.say(`  error    ${short(error.url).padEnd(12)} ${error.error}`);
      }
      await server.idle(1_000);
      const twice = [...new Set(server.requests.map((request) => request.path))].filter(
        (path) => server.requests.filter((r) => r.path === path).length > 1,
      );
      demo.say(`Requests: ${server.requests.length}; most in flight at once: ${server.peakInFlight()} (the limit is 3).`);
      demo.say(`Requested more than once: ${twice.join(", ") || "none"} (a failed request is tried again once; nothing else should be).`);
    });

    await demo.part("the same crawl, stopped by the caller at 250 ms", async () => {
      const signal = demo.abortAt(250, new Error("the caller stopped the crawl"));
      await demo.settle("crawl", () => crawl(server.url("/"), { ...options, signal }));
      await server.idle(1_000);
      const cut = server.requests.filter((request) => request.outcome === "aborted").map((request) => request.path);
      demo.say(`Requests the server saw aborted: ${cut.join(", ") || "none"}.`);
    });
  },
);

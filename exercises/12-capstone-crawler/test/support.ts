import { valueOf, type Reply, type RequestRecord, type Settled } from "@course/testkit";
import type { CrawlResult } from "../src/index.ts";
import { getEventListeners } from "node:events";

/** A small HTML page linking to `hrefs` (as written), answered after `after` virtual ms. */
export function page(hrefs: string[], after = 100): Reply {
  const body = hrefs.map((href, i) => `<li><a href="${href}">link ${i + 1}</a></li>`).join("\n");
  return { text: `<!doctype html>\n<ul>\n${body}\n</ul>`, after, headers: { "content-type": "text/html; charset=utf-8" } };
}

/** The paths the server saw (`api.requests`, or a copy of them), each with how often, in order of first request. */
export function requestCounts(requests: readonly RequestRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of requests) counts.set(request.path, (counts.get(request.path) ?? 0) + 1);
  return counts;
}

/** The distinct paths the server saw, sorted. */
export function requestedPaths(requests: readonly RequestRecord[]): string[] {
  return [...requestCounts(requests).keys()].sort();
}

/**
 * What the request log shows against what it should: one line per path
 * requested more often than expected (with the times of its requests), or
 * requested although nothing should lead to it. Empty when all is well.
 */
export function requestLogProblems(requests: readonly RequestRecord[], expected: ReadonlyMap<string, number>): string[] {
  const problems: string[] = [];
  for (const [path, count] of requestCounts(requests)) {
    const times = requests.filter((r) => r.path === path).map((r) => r.start);
    const want = expected.get(path);
    if (want === undefined) problems.push(`${path}: requested at ${times.join(", ")} ms, but no link that should be followed leads to it`);
    else if (count > want) {
      problems.push(
        `${path}: requested ${count} times (started at ${times.join(", ")} ms), expected ${want === 1 ? "once" : `${want} times (1 + retries)`}`,
      );
    }
  }
  return problems;
}

/** The message of a test that finds listeners left on the caller's signal: it names both ways they get there. */
export const LISTENERS_LEFT =
  "abort listeners were still on the caller's signal once the crawl was over. Either the code adds listeners it does not " +
  "remove (remove each one in a finally), or it gives fetch the caller's signal itself: fetch leaves a listener on the signal " +
  "it is given, one per request (give it a signal of your own, e.g. AbortSignal.any([signal, timeout]))";

/** How many `abort` listeners `signal` has right now. */
export function abortListeners(signal: AbortSignal): number {
  return getEventListeners(signal, "abort").length;
}

/** "timeout" when the message says so, else "network": how the tests sort a crawl's errors. */
export function errorKind(message: string): "timeout" | "network" {
  return /timed?[ -]?out/i.test(message) ? "timeout" : "network";
}

/** Every path of the origin that a test does not declare is a 404 page (declare it first: later routes win). */
export function notFoundElsewhere(api: { get(path: string, reply: Reply): void }): void {
  api.get("/*", { status: 404, text: "<h1>Not found</h1>", after: 10, headers: { "content-type": "text/html" } });
}

/**
 * Fails with `header` and one line per problem (nothing when `problems` is
 * empty). The problems go in the message itself: a long list compared with
 * toEqual shows up truncated (`[ …(15) ]`) in a one-line report.
 */
export function failIfAny(problems: readonly string[], header: string, details = ""): void {
  if (problems.length === 0) return;
  const shown = problems.slice(0, 12);
  throw new Error(
    `${header}\n  - ${shown.join("\n  - ")}${problems.length > shown.length ? `\n  (and ${problems.length - shown.length} more)` : ""}${details}`,
  );
}

/**
 * The differences between two maps of URL (or path) → value, one line each:
 * what is missing, what should not be there, what has another value. `name`
 * names the value ("depth", "status"); `why` may say more about a missing key.
 */
export function mapDifferences<T>(
  yours: Readonly<Record<string, T>>,
  expected: Readonly<Record<string, T>>,
  name: string,
  why: (key: string) => string = () => "",
): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(expected)) {
    if (!(key in yours)) lines.push(`missing: ${key} (${name} ${String(value)})${why(key)}`);
    else if (yours[key] !== value) lines.push(`${key}: ${name} ${String(yours[key])}, should be ${String(value)}`);
  }
  for (const [key, value] of Object.entries(yours)) {
    if (!(key in expected)) lines.push(`should not be there: ${key} (${name} ${String(value)})`);
  }
  return lines;
}

/** What crawl(…) resolved with; otherwise the test fails saying how it settled instead. */
export const resultOf = (outcome: Settled<CrawlResult>) => valueOf(outcome, "crawl(…)");

/** The paths of the pages, sorted (the order of pages has a test of its own). */
export const urlsOf = (result: CrawlResult) => result.pages.map((p) => new URL(p.url).pathname).sort();

import { now } from "../clock/now.ts";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { abortMarks } from "../timeline/marks.ts";
import { nextSeq, peakConcurrency, type Span } from "../timeline/spans.ts";
import { renderTimeline } from "../timeline/render.ts";
import { explainFailures } from "../timeline/what-happened.ts";

/**
 * What a route answers. One object, so a test declares a route in one line:
 *
 *     api.get("/users/1", { json: { id: 1 }, after: 2000 });
 *     api.get("/down", { networkError: true, after: 300 });
 *     api.get("/hang", { never: true });
 */
export interface Reply {
  /** Virtual milliseconds before the answer (default 0). */
  after?: number;
  /** HTTP status (default 200). */
  status?: number;
  /** A JSON body. */
  json?: unknown;
  /** A text body (e.g. HTML). */
  text?: string;
  headers?: Record<string, string>;
  /**
   * Fail the request as a network error: fetch rejects, as Node's does, with
   * `TypeError: fetch failed` whose `cause` says why
   * (`Error: connect ECONNREFUSED api.test:80`, code `ECONNREFUSED`).
   */
  networkError?: boolean;
  /** Never answer: the request hangs until the client aborts it. */
  never?: boolean;
}

/** A list of replies is served in turn, the last one repeating; a function decides per request. */
export type Route = Reply | readonly Reply[] | ((request: Request, attempt: number) => Reply);

/** One request as the mocked server saw it, on the virtual clock. */
export interface RequestRecord extends Span {
  method: string;
  url: string;
  /** Path and query, e.g. "/users/1?full=true". */
  path: string;
  status?: number;
  abortedAt?: number;
  request: Request;
}

/** The mocked APIs of the running test file: failure messages draw their timelines. */
export const activeApis = new Set<MockApi>();

export interface MockApi {
  /** The origin every route lives under, e.g. "http://api.test". */
  readonly origin: string;
  /** An absolute URL for a path of this API. */
  url(path: string): string;
  get(path: string, route: Route): void;
  post(path: string, route: Route): void;
  put(path: string, route: Route): void;
  delete(path: string, route: Route): void;
  /** Every request of the current test, in the order they started. */
  readonly requests: readonly RequestRecord[];
  /** The requests to one path (path and query as the client sent it). */
  requestsTo(path: string): RequestRecord[];
  /** The most requests in flight at once so far, and when that peak was first reached. */
  peakInFlight(): { peak: number; at: number };
  /** The requests so far, drawn as a timeline. */
  timeline(title?: string): string;
}

type Method = "get" | "post" | "put" | "delete";

function pickReply(route: Route, request: Request, attempt: number): Reply {
  if (typeof route === "function") return route(request, attempt);
  if (Array.isArray(route)) return route[Math.min(attempt, route.length - 1)] ?? {};
  return route as Reply;
}

/** Resolves after `ms` virtual ms, or early (with false) if the client aborts. */
function waitUnlessAborted(ms: number | undefined, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = ms === undefined ? undefined : setTimeout(() => finish(true), ms);
    const onAbort = () => finish(false);
    function finish(completed: boolean) {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      resolve(completed);
    }
    signal.addEventListener("abort", onAbort);
  });
}

/** Marks the errors the kit throws on purpose to fail a request (see `networkError`). */
const deliberate = Symbol("mock network error");

/** What Node's fetch has as the cause of its "fetch failed" when nothing listens at the address. */
function connectionRefused(url: URL): Error {
  const address = `${url.hostname}:${url.port || (url.protocol === "https:" ? 443 : 80)}`;
  return Object.assign(new Error(`connect ECONNREFUSED ${address}`), {
    code: "ECONNREFUSED",
    errno: -111,
    syscall: "connect",
    [deliberate]: true,
  });
}

/**
 * msw reports an error thrown by a handler on the console (the error, then a
 * line of its own), with no way to say it was meant: while mocked APIs are in
 * use, the kit's own network errors are kept off the console. Anything else
 * is printed as before.
 */
let quietUsers = 0;
let quieted: { original: typeof console.error; wrapper: typeof console.error } | undefined;
function quietDeliberateErrors(change: 1 | -1): void {
  quietUsers += change;
  if (quietUsers > 0 && !quieted) {
    const original = console.error;
    let swallowNext = false;
    const wrapper = function error(this: Console, ...args: unknown[]) {
      const [first] = args;
      if (typeof first === "object" && first !== null && deliberate in first) {
        swallowNext = true;
        return;
      }
      const followUp = swallowNext && typeof first === "string" && first.includes("Encountered an unhandled exception");
      swallowNext = false;
      if (!followUp) original.apply(this, args);
    };
    quieted = { original, wrapper };
    console.error = wrapper;
  } else if (quietUsers <= 0 && quieted) {
    // Put back only what is still ours: something else may have replaced it since.
    if (console.error === quieted.wrapper) console.error = quieted.original;
    quieted = undefined;
    quietUsers = 0;
  }
}

function respond(reply: Reply, url: URL): Response {
  // A Node-style error thrown by the handler becomes the cause of fetch's
  // "fetch failed", as a refused connection would (Response.error() would
  // leave a Response there, which no real network error has).
  if (reply.networkError) throw connectionRefused(url);
  const init = { status: reply.status ?? 200, headers: reply.headers };
  if (reply.text !== undefined) return new HttpResponse(reply.text, init);
  if (reply.json !== undefined) return HttpResponse.json(reply.json, init);
  return new HttpResponse(null, init);
}

const describeEnd = (record: RequestRecord) =>
  record.outcome === "aborted"
    ? `aborted at ${record.abortedAt}ms`
    : record.outcome === "failed" && record.status === undefined
      ? `network error at ${record.end}ms`
      : `${record.status} at ${record.end}ms`;

/**
 * A mocked HTTP API for the tests of one file, on msw. Requests to routes the
 * test did not declare fail the test. Every request is recorded with its start,
 * end and abort times on the (virtual) clock. Call once at the top of a test
 * file; routes and records are reset after each test.
 */
export function mockApi(origin = "http://api.test"): MockApi {
  const server = setupServer();
  const records: RequestRecord[] = [];
  const unhandled: string[] = [];
  const attempts = new Map<string, number>();

  function serve(method: Method, path: string, route: Route) {
    const matcher = http[method];
    const key = `${method.toUpperCase()} ${path}`;
    server.use(
      matcher(`${origin}${path}`, async ({ request }) => {
        const attempt = attempts.get(key) ?? 0;
        attempts.set(key, attempt + 1);
        const url = new URL(request.url);
        const record: RequestRecord = {
          label: `${request.method} ${url.pathname}${url.search}`,
          method: request.method,
          url: request.url,
          path: `${url.pathname}${url.search}`,
          start: now(),
          startSeq: nextSeq(),
          outcome: "running",
          note: "still running",
          request,
        };
        records.push(record);
        const reply = pickReply(route, request, attempt);
        const answered = await waitUnlessAborted(reply.never ? undefined : (reply.after ?? 0), request.signal);
        record.end = now();
        record.endSeq = nextSeq();
        if (!answered) {
          record.outcome = "aborted";
          record.abortedAt = record.end;
        } else {
          record.status = reply.networkError ? undefined : (reply.status ?? 200);
          record.outcome = reply.networkError || (record.status ?? 0) >= 400 ? "failed" : "done";
        }
        record.note = describeEnd(record);
        // Aborted: the client has rejected already, and what the handler answers goes nowhere.
        return answered ? respond(reply, url) : HttpResponse.error();
      }),
    );
  }

  beforeAll(() => {
    quietDeliberateErrors(+1);
    server.listen({
      // The request fails at once (never reaches the real network) and the test fails after it.
      onUnhandledFrame: ({ frame, defaults }) => {
        const { request } = frame.data as { request?: Request };
        if (request) unhandled.push(`${request.method} ${request.url}`);
        defaults.error();
      },
    });
  });
  // What a test recorded stays until the next test begins: a failing test's
  // message is written after its afterEach hooks have run (see explainFailures).
  beforeEach(() => {
    records.length = 0;
    attempts.clear();
    explainFailures();
  });
  afterEach(() => {
    server.resetHandlers();
    const missed = unhandled.splice(0);
    if (missed.length > 0) {
      throw new Error(
        `Your code requested ${missed.join(", ")}, which this test's mocked API does not serve. ` +
          `Check the URL you build (the test only serves the URLs it gave you).`,
      );
    }
  });
  afterAll(() => {
    quietDeliberateErrors(-1);
    server.close();
    activeApis.delete(api);
  });

  const api: MockApi = {
    origin,
    url: (path) => `${origin}${path}`,
    get: (path, route) => serve("get", path, route),
    post: (path, route) => serve("post", path, route),
    put: (path, route) => serve("put", path, route),
    delete: (path, route) => serve("delete", path, route),
    requests: records,
    requestsTo: (path) => records.filter((r) => r.path === path),
    peakInFlight: () => peakConcurrency(records, now()),
    timeline: (title) => renderTimeline(records, { now: now(), title, marks: abortMarks() }),
  };
  activeApis.add(api);
  return api;
}

/** True for the recorder a test gets from `mockApi()`; matchers accept it or a list of records. */
export function isMockApi(value: unknown): value is MockApi {
  return typeof value === "object" && value !== null && "requests" in value && "timeline" in value;
}

// The mocked API a test file gets from mockApi(): msw handlers for the file's
// lifetime, answering fetch (mocked-fetch.ts), routes declared in the reply
// language (reply.ts), every request recorded on the virtual clock
// (request-record.ts).
import { now } from "../clock/now.ts";
import { http, HttpResponse, type RequestHandler } from "msw";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { abortMarks } from "../timeline/marks.ts";
import { peakConcurrency } from "../timeline/spans.ts";
import { renderTimeline } from "../timeline/render.ts";
import { explainFailures } from "../timeline/what-happened.ts";
import { recordFigures } from "../timeline/figures.ts";
import { activeApis } from "./active-apis.ts";
import { serveFetch } from "./mocked-fetch.ts";
import { pickReply, respond, waitUnlessAborted, type Reply, type Route } from "./reply.ts";
import { finishRecord, startRecord, type RequestRecord } from "./request-record.ts";

export type { Reply, Route, RequestRecord };

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

/**
 * msw notes where each handler was declared by reading a new Error's stack,
 * which vitest maps through source maps frame by frame: a test that declares
 * a site of routes paid more for that than for its requests. Nothing here
 * reads that note (it only names a handler in msw's own warnings), so the
 * handler is made with no stack to read.
 */
function withoutCallFrame<T>(make: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * A mocked HTTP API for the tests of one file, on msw. Requests to routes the
 * test did not declare fail the test. Every request is recorded with its start,
 * end and abort times on the (virtual) clock. Call once at the top of a test
 * file; routes and records are reset after each test.
 */
export function mockApi(origin = "http://api.test"): MockApi {
  // Newest first: a route declared again answers in place of the earlier one.
  const handlers: RequestHandler[] = [];
  let stopServing = () => {};
  const records: RequestRecord[] = [];
  const unhandled: string[] = [];
  const attempts = new Map<string, number>();

  function serve(method: Method, path: string, route: Route) {
    const matcher = http[method];
    const key = `${method.toUpperCase()} ${path}`;
    handlers.unshift(
      withoutCallFrame(() =>
        matcher(`${origin}${path}`, async ({ request }) => {
          const attempt = attempts.get(key) ?? 0;
          attempts.set(key, attempt + 1);
          const record = startRecord(request);
          records.push(record);
          const reply = pickReply(route, request, attempt);
          const answered = await waitUnlessAborted(reply.never ? undefined : (reply.after ?? 0), request.signal);
          const status = reply.networkError ? undefined : (reply.status ?? 200);
          finishRecord(record, answered ? { aborted: false, status } : { aborted: true });
          // Aborted: the client has rejected already, and what the handler answers goes nowhere.
          return answered ? respond(reply, new URL(request.url)) : HttpResponse.error();
        }),
      ),
    );
  }

  beforeAll(() => {
    // A request no route answers fails at once (never reaches the real network), and the test fails after it.
    stopServing = serveFetch({ handlers, unhandled: (request) => unhandled.push(`${request.method} ${request.url}`) });
  });
  // What a test recorded stays until the next test begins: a failing test's
  // message is written after its afterEach hooks have run (see explainFailures).
  beforeEach(() => {
    records.length = 0;
    attempts.clear();
    explainFailures();
    recordFigures();
  });
  afterEach(() => {
    handlers.length = 0;
    const missed = unhandled.splice(0);
    if (missed.length > 0) {
      throw new Error(
        `Your code requested ${missed.join(", ")}, which this test's mocked API does not serve. ` +
          `Check the URL you build (the test only serves the URLs it gave you).`,
      );
    }
  });
  afterAll(() => {
    stopServing();
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

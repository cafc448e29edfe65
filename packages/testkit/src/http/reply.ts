// The reply language of the mocked API: what a test says a route answers, and
// how the kit turns that into an answer (or a network error) on the clock.
import { HttpResponse } from "msw";

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

/** The reply of a route to its `attempt`-th request (0 first). */
export function pickReply(route: Route, request: Request, attempt: number): Reply {
  if (typeof route === "function") return route(request, attempt);
  if (Array.isArray(route)) return route[Math.min(attempt, route.length - 1)] ?? {};
  return route as Reply;
}

/** Resolves after `ms` virtual ms (never, when undefined), or early (with false) if the client aborts. */
export function waitUnlessAborted(ms: number | undefined, signal: AbortSignal): Promise<boolean> {
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
export const deliberate = Symbol("mock network error");

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

/** The answer to a request that was not aborted: a response, or (thrown) a network error. */
export function respond(reply: Reply, url: URL): Response {
  // A Node-style error thrown by the handler becomes the cause of fetch's
  // "fetch failed", as a refused connection would (Response.error() would
  // leave a Response there, which no real network error has).
  if (reply.networkError) throw connectionRefused(url);
  const init = { status: reply.status ?? 200, headers: reply.headers };
  if (reply.text !== undefined) return new HttpResponse(reply.text, init);
  if (reply.json !== undefined) return HttpResponse.json(reply.json, init);
  return new HttpResponse(null, init);
}

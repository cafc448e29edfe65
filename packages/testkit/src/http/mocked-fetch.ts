// fetch, answered in the test's own thread by the msw handlers of the mocked
// APIs in use (mock-api.ts), without a socket.
//
// msw's setupServer answers from underneath Node's fetch: every mocked request
// runs undici's whole HTTP client against an emulated socket whose bytes are
// parsed on both sides. The tests need none of that: they look at what the
// code under test asked for, when, and what it did with the answer. That
// machinery was about a third of the HTTP exercises' CPU time (issue 7); the
// course check finds the same for every chain either way.
//
// What code under test can observe of Node's fetch, this keeps: the Request is
// built by Node's own constructor (same URL and header checks, same signal);
// an aborted signal rejects the call with signal.reason, before or while the
// answer is awaited, and the handler's request.signal aborts with it; a
// network error is a TypeError "fetch failed" whose cause says why;
// response.url is the request's URL. Not modelled, because no reply needs it:
// redirects (a 3xx comes back as it is) and a body that arrives after its
// headers (every reply's body is whole; serveSlowBody in slow-body.ts serves
// one that is not, and stands in for fetch itself to do so).
import { getResponse, type RequestHandler } from "msw";
import { deliberate } from "./reply.ts";

/** A mocked API, as fetch sees it: its handlers, newest first, and what to do with a request none of them answers. */
export interface FetchTarget {
  readonly handlers: readonly RequestHandler[];
  unhandled(request: Request): void;
}

const targets = new Set<FetchTarget>();
let nodeFetch: typeof fetch | undefined;

async function mockedFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const { protocol } = new URL(request.url);
  if (targets.size === 0 || (protocol !== "http:" && protocol !== "https:")) return nodeFetch!(request);
  const { signal } = request;
  if (signal.aborted) throw signal.reason;
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  const handlers = [...targets].toReversed().flatMap((target) => target.handlers);
  const answered = getResponse(handlers, request).catch((cause: unknown) => {
    // A handler's own mistake is shown, as msw shows it; the kit's network errors (reply.ts) are meant.
    if (!(typeof cause === "object" && cause !== null && deliberate in cause)) console.error(cause);
    throw new TypeError("fetch failed", { cause });
  });
  try {
    const response = await Promise.race([answered, aborted]);
    if (!response) {
      for (const target of targets) target.unhandled(request);
      throw new TypeError("fetch failed", { cause: new Error(`no mocked route answers ${request.method} ${request.url}`) });
    }
    if (response.type === "error") throw new TypeError("fetch failed", { cause: new Error("the mocked API answered with a network error") });
    Object.defineProperty(response, "url", { value: request.url });
    return response;
  } finally {
    // An abort after the answer has nothing left to reject (Promise.race handles an abort that won).
    signal.removeEventListener("abort", onAbort);
  }
}

/**
 * Has fetch answered by `target`'s handlers until the returned function is
 * called. The first call puts mockedFetch in place of the global fetch for
 * good: with no target, it hands every request to Node's fetch. Staying put
 * keeps it right whatever a test stubs over it and vitest restores after
 * (vi.stubGlobal remembers the fetch it replaced, test files share a thread).
 */
export function serveFetch(target: FetchTarget): () => void {
  if (!nodeFetch) {
    nodeFetch = globalThis.fetch;
    globalThis.fetch = mockedFetch;
  }
  targets.add(target);
  return () => {
    targets.delete(target);
  };
}

// A real HTTP server on the loopback interface, for `npm run demo`: the
// student's own code sends real requests to it and waits real time, and the
// server records what it saw, as the mocked API of the tests does on the
// virtual clock. Routes are declared the same way (`Reply`, `Route`).
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Reply, Route } from "../http/reply.ts";
import { nextSeq, peakConcurrency, type Span } from "../timeline/spans.ts";

/** One request as the demo server saw it, in real milliseconds since `now()`'s origin. */
export interface DemoRequest extends Span {
  method: string;
  /** Path and query, e.g. "/users/1?full=true". */
  path: string;
  status?: number;
}

/** What the server reports as it happens, for the demo's log. */
export type DemoServerEvent = { kind: "arrived"; request: DemoRequest } | { kind: "answered" | "aborted" | "failed"; request: DemoRequest };

export interface DemoServerOptions {
  /** The clock the records use: real milliseconds since some origin. */
  now: () => number;
  /** Called as requests arrive and end. */
  onEvent?: (event: DemoServerEvent) => void;
}

export interface DemoServer {
  /** e.g. "http://127.0.0.1:53817". */
  readonly origin: string;
  /** An absolute URL for a path of this server. */
  url(path: string): string;
  /** Every request since the last `clear()`, in the order they arrived. */
  readonly requests: readonly DemoRequest[];
  /** The most requests in flight at once since the last `clear()`. */
  peakInFlight(): number;
  /**
   * Resolves once no request is in flight (true), or after `maxMs` real ms
   * with some still running (false): a client's abort reaches the server a
   * moment after the client has moved on.
   */
  idle(maxMs: number): Promise<boolean>;
  /** Forgets the requests so far, and starts every list of replies again from its first. */
  clear(): void;
  /** Cuts every open connection and stops listening. */
  close(): Promise<void>;
}

function pickReply(route: Route, request: Request, attempt: number): Reply {
  if (typeof route === "function") return route(request, attempt);
  if (Array.isArray(route)) return route[Math.min(attempt, route.length - 1)] ?? {};
  return route as Reply;
}

function toRequest(req: http.IncomingMessage, url: URL): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  return new Request(url, { method: req.method ?? "GET", headers });
}

const round = (ms: number) => Math.round(ms);

/**
 * Starts a server on 127.0.0.1 (a free port: never reachable from another
 * machine) that answers `routes`, keyed by path ("/users/1"; a key with a
 * query matches that query only), read at each request: routes added to the
 * object later are served too. `after` is real milliseconds;
 * `networkError` cuts the connection; `never` holds it open until the client
 * gives up. A path with no route gets a 404. Every answer closes its
 * connection, so each request is one connection the server can see cut.
 */
export async function startDemoServer(routes: Record<string, Route>, options: DemoServerOptions): Promise<DemoServer> {
  const { now, onEvent } = options;
  const requests: DemoRequest[] = [];
  const attempts = new Map<string, number>();
  let origin = "";

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", origin);
    const path = `${url.pathname}${url.search}`;
    const record: DemoRequest = {
      label: `${req.method ?? "GET"} ${path}`,
      method: req.method ?? "GET",
      path,
      start: now(),
      startSeq: nextSeq(),
      outcome: "running",
      note: "still running",
    };
    requests.push(record);
    onEvent?.({ kind: "arrived", request: record });

    const end = (outcome: DemoRequest["outcome"], note: (at: number) => string) => {
      if (record.end !== undefined) return;
      record.end = now();
      record.endSeq = nextSeq();
      record.outcome = outcome;
      record.note = note(round(record.end));
      onEvent?.({
        kind: outcome === "aborted" ? "aborted" : outcome === "failed" && record.status === undefined ? "failed" : "answered",
        request: record,
      });
    };

    const key = routes[path] !== undefined ? path : url.pathname;
    const route = routes[key];
    const attempt = attempts.get(key) ?? 0;
    attempts.set(key, attempt + 1);
    const reply: Reply =
      route === undefined ? { status: 404, text: `no page at ${path} in this demo` } : pickReply(route, toRequest(req, url), attempt);

    let timer: NodeJS.Timeout | undefined;
    // The client went away before the answer was sent: it aborted the request.
    res.on("close", () => {
      clearTimeout(timer);
      end("aborted", (at) => `aborted at ${at}ms`);
    });
    res.on("finish", () => {
      const status = record.status ?? 200;
      end(status >= 400 ? "failed" : "done", (at) => `${status} at ${at}ms`);
    });

    const answer = () => {
      if (reply.networkError) {
        end("failed", (at) => `network error at ${at}ms`);
        req.socket.destroy();
        return;
      }
      const status = reply.status ?? 200;
      record.status = status;
      const json = reply.text === undefined && reply.json !== undefined;
      const body = reply.text ?? (json ? JSON.stringify(reply.json) : "");
      res.writeHead(status, {
        "content-type": json ? "application/json" : "text/plain; charset=utf-8",
        ...reply.headers,
        connection: "close",
      });
      res.end(body);
    };
    if (!reply.never) timer = setTimeout(answer, reply.after ?? 0);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    url: (path) => `${origin}${path}`,
    requests,
    peakInFlight: () => peakConcurrency(requests, now()).peak,
    async idle(maxMs) {
      const until = performance.now() + maxMs;
      for (;;) {
        if (requests.every((request) => request.end !== undefined)) return true;
        if (performance.now() >= until) return false;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    clear() {
      requests.length = 0;
      attempts.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

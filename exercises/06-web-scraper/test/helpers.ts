import { nextSeq, type MockApi, type RequestRecord } from "@course/testkit";
import { expect, vi } from "vitest";

/** A route whose headers arrive at `headersAfter` and whose body only finishes at `bodyAfter` (virtual ms). */
export interface SlowBodyReply {
  status?: number;
  headersAfter: number;
  bodyAfter: number;
  text: string;
}

/**
 * Serves `path` of `api` with the headers first and the rest of the body
 * later, which `mockApi()` cannot do (its replies arrive whole). It stands in
 * for `fetch` for that one URL only (every other URL still goes to the mocked
 * API), and behaves like Node's fetch on abort: before the headers, `fetch`
 * rejects with the signal's reason; after them, reading the body does.
 *
 * Returns the requests it saw, recorded like the kit's (start, end, abort
 * time), so that the kit's matchers (`toHaveAborted`, …) and timeline work on them.
 *
 * Candidate for the kit: a `Reply` option such as `{ text, bodyAfter }`.
 */
export function serveSlowBody(api: MockApi, path: string, reply: SlowBodyReply): readonly RequestRecord[] {
  const records: RequestRecord[] = [];
  const realFetch = globalThis.fetch;
  const target = api.url(path);

  async function slowFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const url = input instanceof Request ? input.url : String(input);
    if (url !== target) return realFetch(input, init);
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined) ?? undefined;
    const request = new Request(url, { method: init?.method ?? "GET" });
    const record: RequestRecord = {
      label: `${request.method} ${path}`,
      method: request.method,
      url,
      path,
      start: Date.now(),
      startSeq: nextSeq(),
      outcome: "running",
      note: "still running",
      request,
    };
    records.push(record);

    let timer: ReturnType<typeof setTimeout> | undefined;
    let finished = false;
    const finish = (outcome: "done" | "aborted", note: string) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      record.end = Date.now();
      record.endSeq = nextSeq();
      record.outcome = outcome;
      if (outcome === "aborted") record.abortedAt = record.end;
      else record.status = reply.status ?? 200;
      record.note = note;
    };
    let onAbort = () => {};

    // Until the headers arrive, an abort makes fetch itself reject.
    const headersIn = await new Promise<boolean>((resolve) => {
      if (signal?.aborted) return resolve(false);
      timer = setTimeout(() => resolve(true), reply.headersAfter);
      onAbort = () => resolve(false);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
    signal?.removeEventListener("abort", onAbort);
    if (!headersIn) {
      finish("aborted", `aborted at ${Date.now()}ms, before the headers`);
      throw signal?.reason;
    }

    // After the headers, an abort errors the body stream: reading it rejects.
    const headersAt = Date.now();
    const half = Math.floor(reply.text.length / 2);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(reply.text.slice(0, half)));
        timer = setTimeout(() => {
          controller.enqueue(encoder.encode(reply.text.slice(half)));
          controller.close();
          finish("done", `headers at ${headersAt}ms, body done at ${Date.now()}ms`);
        }, reply.bodyAfter - headersAt);
        onAbort = () => {
          controller.error(signal?.reason);
          finish("aborted", `headers at ${headersAt}ms, body aborted at ${Date.now()}ms`);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
      },
      cancel() {
        finish("aborted", `headers at ${headersAt}ms, body cancelled at ${Date.now()}ms`);
      },
    });
    return new Response(body, { status: reply.status ?? 200, headers: { "content-type": "text/html; charset=utf-8" } });
  }

  vi.stubGlobal("fetch", slowFetch);
  return records;
}

/** What `withMessage` puts in place of a result's error message. */
export const A_MESSAGE = "<a message>";

/**
 * The result with its `error` (when it is a string) replaced by `A_MESSAGE`,
 * so that `toEqual` can compare everything else exactly while the message is
 * checked on its own (its wording is the student's).
 */
export function withMessage<T>(result: T): T {
  if (typeof result === "object" && result !== null && "error" in result && typeof result.error === "string") {
    return { ...result, error: A_MESSAGE };
  }
  return result;
}

/** The error message of a result, or "" when it has none (for `toMatch`). */
export function messageOf(result: unknown): string {
  if (typeof result === "object" && result !== null && "error" in result && typeof result.error === "string") return result.error;
  return "";
}

/** The fields of a result as a test expects them (`error` compared as `A_MESSAGE`). */
type ExpectedResult = Record<string, unknown> & { url: string; durationMs: number };

/**
 * Checks one URL's result field by field, so that a failure names what is
 * wrong: when only `durationMs` differs, it says so and shows when that URL's
 * own request ran, instead of "it should still be scraped".
 */
export function expectResult(result: unknown, expected: ExpectedResult, why: string, request?: RequestRecord): void {
  const path = new URL(expected.url).pathname;
  if (typeof result === "object" && result !== null && "durationMs" in result) {
    const { durationMs, ...rest } = withMessage(result) as Record<string, unknown>;
    const { durationMs: expectedMs, ...expectedRest } = expected;
    if (durationMs !== expectedMs && JSON.stringify(Object.entries(rest).sort()) === JSON.stringify(Object.entries(expectedRest).sort())) {
      const ran = request?.end === undefined ? "" : ` (its request ran from ${request.start}ms to ${request.end}ms)`;
      expect(
        durationMs,
        `${path}'s result is right but for durationMs: it should be ${expectedMs}, the time ${path}'s own request took${ran}; it is ${String(durationMs)}`,
      ).toBe(expectedMs);
      return;
    }
  }
  expect(withMessage(result), why).toEqual(expected);
}

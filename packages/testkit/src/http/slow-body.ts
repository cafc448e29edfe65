// A response whose headers come first and whose body finishes later, which a
// mocked route cannot serve: its reply arrives whole (mocked-fetch.ts). Needed
// to test code that must also be able to abort while it reads a body (fetch
// resolved, `response.text()` not yet).
import { vi } from "vitest";
import { now } from "../clock/now.ts";
import { nextSeq } from "../timeline/spans.ts";
import type { MockApi } from "./mock-api.ts";
import { startRecord, type RequestRecord } from "./request-record.ts";

/** A reply whose headers arrive `headersAfter` and whose body only finishes `bodyAfter` virtual ms after the request starts. */
export interface SlowBodyReply {
  status?: number;
  headersAfter: number;
  bodyAfter: number;
  text: string;
}

/**
 * Serves `path` of `api` with the headers first and the rest of the body
 * later. It stands in for `fetch` for that one URL only (every other URL still
 * goes to the mocked API; vitest puts the real `fetch` back after the test),
 * and behaves like Node's fetch on abort: before the headers, `fetch` rejects
 * with the signal's reason; after them, reading the body does.
 *
 * Returns the requests it saw, recorded like the mocked API's (start, end,
 * abort time), for the kit's matchers (`toHaveAborted`, …) and timelines.
 */
export function serveSlowBody(api: MockApi, path: string, reply: SlowBodyReply): readonly RequestRecord[] {
  const records: RequestRecord[] = [];
  const realFetch = globalThis.fetch;
  const target = api.url(path);

  async function slowFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const url = input instanceof Request ? input.url : String(input);
    if (url !== target) return realFetch(input, init);
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined) ?? undefined;
    const record = startRecord(new Request(url, { method: init?.method ?? "GET" }));
    records.push(record);

    let timer: ReturnType<typeof setTimeout> | undefined;
    let finished = false;
    const finish = (outcome: "done" | "aborted", note: string) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      record.end = now();
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
      finish("aborted", `aborted at ${now()}ms, before the headers`);
      throw signal?.reason;
    }

    // After the headers, an abort errors the body stream: reading it rejects.
    const headersAt = now();
    const half = Math.floor(reply.text.length / 2);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(reply.text.slice(0, half)));
        timer = setTimeout(
          () => {
            controller.enqueue(encoder.encode(reply.text.slice(half)));
            controller.close();
            finish("done", `headers at ${headersAt}ms, body done at ${now()}ms`);
          },
          record.start + reply.bodyAfter - headersAt,
        );
        onAbort = () => {
          controller.error(signal?.reason);
          finish("aborted", `headers at ${headersAt}ms, body aborted at ${now()}ms`);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
      },
      cancel() {
        finish("aborted", `headers at ${headersAt}ms, body cancelled at ${now()}ms`);
      },
    });
    return new Response(body, { status: reply.status ?? 200, headers: { "content-type": "text/html; charset=utf-8" } });
  }

  vi.stubGlobal("fetch", slowFetch);
  return records;
}

// What the mocked server saw of each request, on the virtual clock: the
// records the kit's matchers and timelines read.
import { now } from "../clock/now.ts";
import { nextSeq, type Span } from "../timeline/spans.ts";

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

/** A request that has just arrived: running, from now. */
export function startRecord(request: Request): RequestRecord {
  const url = new URL(request.url);
  return {
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
}

/** Ends a record now: aborted by the client, or answered with `status` (undefined: a network error). */
export function finishRecord(record: RequestRecord, end: { aborted: true } | { aborted: false; status: number | undefined }): void {
  record.end = now();
  record.endSeq = nextSeq();
  if (end.aborted) {
    record.outcome = "aborted";
    record.abortedAt = record.end;
    record.note = `aborted at ${record.end}ms`;
    return;
  }
  record.status = end.status;
  record.outcome = end.status === undefined || end.status >= 400 ? "failed" : "done";
  record.note = end.status === undefined ? `network error at ${record.end}ms` : `${end.status} at ${record.end}ms`;
}

/**
 * A span of activity on the virtual clock: one request the mocked server saw,
 * one handler call, one task. `startSeq`/`endSeq` order events that share a
 * millisecond, so "B started after A finished" holds even at the same time.
 */
export interface Span {
  label: string;
  start: number;
  startSeq: number;
  /** When it ended; undefined while it is still running. */
  end?: number;
  endSeq?: number;
  outcome: "running" | "done" | "failed" | "aborted";
  /** A short note for the timeline's right margin, e.g. "200" or "aborted". */
  note?: string;
}

let seq = 0;
/** A counter shared by every recorder, so spans of one test interleave correctly. */
export function nextSeq(): number {
  return ++seq;
}

interface Edge {
  time: number;
  seq: number;
  delta: 1 | -1;
}

function edges(spans: readonly Span[], now: number): Edge[] {
  const list: Edge[] = [];
  for (const span of spans) {
    list.push({ time: span.start, seq: span.startSeq, delta: 1 });
    list.push({ time: span.end ?? now, seq: span.endSeq ?? Number.MAX_SAFE_INTEGER, delta: -1 });
  }
  return list.sort((a, b) => a.time - b.time || a.seq - b.seq);
}

/** The most spans running at once, and the first time that many were. */
export function peakConcurrency(spans: readonly Span[], now = Infinity): { peak: number; at: number } {
  let running = 0;
  let peak = 0;
  let at = 0;
  for (const edge of edges(spans, now)) {
    running += edge.delta;
    if (running > peak) {
      peak = running;
      at = edge.time;
    }
  }
  return { peak, at };
}

/** The most spans running at once at any moment within [from, to). */
export function peakWithin(spans: readonly Span[], from: number, to: number, now: number): number {
  let running = 0;
  let peak: number | undefined;
  for (const edge of edges(spans, now)) {
    if (edge.time >= to) break;
    if (edge.time >= from && peak === undefined) peak = running;
    running += edge.delta;
    if (peak !== undefined) peak = Math.max(peak, running);
  }
  return peak ?? running;
}

/** True when `a` ended before `b` started (by event order, not just time). */
export function endedBefore(a: Span, b: Span): boolean {
  return a.endSeq !== undefined && a.endSeq < b.startSeq;
}

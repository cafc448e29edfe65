import type { AbortedBy, Mark } from "./marks.ts";
import { peakWithin, type Span } from "./spans.ts";

export interface TimelineOptions {
  /** The virtual time "now": where spans still running are drawn up to. */
  now?: number;
  /** Columns for the time axis (default 50). */
  width?: number;
  /** A heading line above the chart. */
  title?: string;
  /** Label of the bottom row that counts spans running per column; false hides it. */
  countLabel?: string | false;
  /** Moments something called `abort()`, drawn as `^` on a row of their own (see abortMarks()). */
  marks?: readonly Mark[];
  /** What to say when there is no span to draw (default: no requests were made). */
  empty?: string;
}

const MARK: Record<Span["outcome"], string> = { done: "o", failed: "!", aborted: "x", running: ">" };
const SPAN_LEGEND = "= running  o done  ! failed  x aborted  > still running";
const MARK_ROW: Record<AbortedBy, string> = { caller: "caller aborts", code: "your code aborts" };

/** The smallest of 1, 2, 5, 10, 20, 50, … ms per column that fits `span` into `width` columns. */
function msPerColumn(span: number, width: number): number {
  const raw = Math.max(1, span / (width - 1));
  for (let unit = 1; ; unit *= 10) {
    for (const step of [1, 2, 5]) if (step * unit >= raw) return step * unit;
  }
}

/** "at 300ms", "at 300ms and 500ms", "at 100ms, 300ms and 500ms". */
function atTimes(times: readonly number[]): string {
  const list = times.map((t) => `${t}ms`);
  return `at ${list.length > 1 ? `${list.slice(0, -1).join(", ")} and ${list.at(-1)}` : (list[0] ?? "")}`;
}

/**
 * Draws spans on the virtual clock, one row each, time running left to right:
 *
 *     time (ms)      0         500       1000      1500
 *                    |         |         |         |
 *     GET /a         ====================o               200 at 1000ms
 *     GET /b         ==============================x     aborted at 1500ms
 *     caller aborts                                ^     at 1500ms
 *     in flight      222222222222222222221111111111.
 *     = running  o done  ! failed  x aborted  > still running
 *     in flight: how many at once (. none)  ^ abort() called  1 column = 50ms
 *
 * so a student sees at a glance whether work overlapped, and what an abort cut off.
 */
export function renderTimeline(spans: readonly Span[], options: TimelineOptions = {}): string {
  const width = options.width ?? 50;
  const marks = options.marks ?? [];
  const lastEvent = Math.max(0, ...spans.map((s) => s.end ?? s.start), ...marks.map((m) => m.at));
  const now = options.now ?? lastEvent;
  const horizon = Math.max(now, lastEvent);
  const ms = msPerColumn(horizon, width);
  const columns = Math.floor(horizon / ms) + 1;
  const countLabel = options.countLabel ?? "in flight";
  const markRows = (["caller", "code"] as const).filter((by) => marks.some((m) => m.by === by));
  const labels = [...spans.map((s) => s.label), ...markRows.map((by) => MARK_ROW[by]), countLabel || "", "time (ms)"];
  const labelWidth = Math.min(32, Math.max(8, ...labels.map((l) => l.length))) + 2;
  const pad = (text: string) => (text.length > labelWidth - 2 ? `${text.slice(0, labelWidth - 3)}…` : text).padEnd(labelWidth);
  const column = (t: number) => Math.min(columns - 1, Math.floor(t / ms));

  const lines: string[] = [];
  if (options.title) lines.push(options.title);
  if (spans.length === 0) {
    lines.push(`  (nothing happened: ${options.empty ?? "no requests were made"})`);
    return lines.join("\n");
  }

  // The axis: a time label every 10 columns.
  let axis = "";
  let ticks = "";
  for (let c = 0; c < columns; c += 10) {
    axis = axis.padEnd(c) + String(c * ms);
    ticks = ticks.padEnd(c) + "|";
  }
  lines.push(`${pad("time (ms)")}${axis}`, `${pad("")}${ticks}`);

  for (const span of spans) {
    const from = column(span.start);
    const to = column(span.end ?? now);
    const row = " ".repeat(from) + "=".repeat(Math.max(0, to - from)) + MARK[span.outcome];
    lines.push(`${pad(span.label)}${row.padEnd(columns)}  ${span.note ?? ""}`.trimEnd());
  }

  for (const by of markRows) {
    const times = marks.filter((m) => m.by === by).map((m) => m.at);
    const row = Array.from({ length: columns }, () => " ");
    for (const t of times) row[column(t)] = "^";
    lines.push(`${pad(MARK_ROW[by])}${row.join("")}  ${atTimes(times)}`.trimEnd());
  }

  if (countLabel) {
    let counts = "";
    for (let c = 0; c < columns; c++) {
      const n = peakWithin(spans, c * ms, (c + 1) * ms, now);
      counts += n === 0 ? "." : n > 9 ? "+" : String(n);
    }
    lines.push(`${pad(countLabel)}${counts}`);
  }
  // The legend, on lines of its own: every glyph the chart may use.
  lines.push(SPAN_LEGEND);
  const key = [
    countLabel ? `${countLabel}: how many at once (. none, + more than 9)` : "",
    markRows.length > 0 ? "^ abort() called" : "",
    `1 column = ${ms}ms`,
  ];
  lines.push(key.filter(Boolean).join("   "));
  return lines.join("\n");
}

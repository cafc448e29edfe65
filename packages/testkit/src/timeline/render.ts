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
}

const MARK: Record<Span["outcome"], string> = { done: "o", failed: "!", aborted: "x", running: ">" };
const LEGEND = "= running  o done  ! failed  x aborted  > still running";

/** The smallest of 1, 2, 5, 10, 20, 50, … ms per column that fits `span` into `width` columns. */
function msPerColumn(span: number, width: number): number {
  const raw = Math.max(1, span / (width - 1));
  for (let unit = 1; ; unit *= 10) {
    for (const step of [1, 2, 5]) if (step * unit >= raw) return step * unit;
  }
}

/**
 * Draws spans on the virtual clock, one row each, time running left to right:
 *
 *     GET /a       =========o               200 at 1000ms
 *     GET /b                =========o      200 at 2000ms
 *     in flight    1111111111111111111
 *
 * so a student sees at a glance whether work overlapped.
 */
export function renderTimeline(spans: readonly Span[], options: TimelineOptions = {}): string {
  const width = options.width ?? 50;
  const lastEvent = Math.max(0, ...spans.map((s) => s.end ?? s.start));
  const now = options.now ?? lastEvent;
  const horizon = Math.max(now, lastEvent);
  const ms = msPerColumn(horizon, width);
  const columns = Math.floor(horizon / ms) + 1;
  const countLabel = options.countLabel ?? "in flight";
  const labels = [...spans.map((s) => s.label), countLabel || "", "time (ms)"];
  const labelWidth = Math.min(32, Math.max(8, ...labels.map((l) => l.length))) + 2;
  const pad = (text: string) => (text.length > labelWidth - 2 ? `${text.slice(0, labelWidth - 3)}…` : text).padEnd(labelWidth);
  const column = (t: number) => Math.min(columns - 1, Math.floor(t / ms));

  const lines: string[] = [];
  if (options.title) lines.push(options.title);
  if (spans.length === 0) {
    lines.push("  (nothing happened: no requests were made)");
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

  if (countLabel) {
    let counts = "";
    for (let c = 0; c < columns; c++) {
      const n = peakWithin(spans, c * ms, (c + 1) * ms, now);
      counts += n === 0 ? "." : n > 9 ? "+" : String(n);
    }
    lines.push(`${pad(countLabel)}${counts}`);
  }
  lines.push(`${pad("")}${LEGEND}; 1 column = ${ms}ms`);
  return lines.join("\n");
}

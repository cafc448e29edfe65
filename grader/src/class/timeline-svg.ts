// A test's requests on the virtual clock, drawn as SVG for the HTML reports:
// the course's ASCII timelines (packages/testkit/src/timeline/render.ts) as a
// picture. One row per request, time running left to right; a bar while it
// ran, and at its end what became of it (o done, ! failed, x aborted,
// > still running); abort() calls as ^ on a row of their own.
import type { FigureSpan, TestFigures } from "../run/messages.ts";

export const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const WIDTH = 580;
const LABEL_WIDTH = 160;
const NOTE_WIDTH = 110;
const ROW = 18;
const AXIS = 26;
const LEGEND = 22;
const CHART_LEFT = LABEL_WIDTH + 10;
const CHART_RIGHT = WIDTH - NOTE_WIDTH - 10;

const COLOUR: Record<FigureSpan["outcome"], string> = { done: "#1a7f37", failed: "#cf222e", aborted: "#cf222e", running: "#9a6700" };
const WORDS: Record<FigureSpan["outcome"], string> = { done: "done", failed: "failed", aborted: "aborted", running: "still running" };
const MARK_ROW = { caller: "caller aborts", code: "your code aborts" } as const;

/** The smallest of 1, 2, 5, 10, 20, 50, … ms between ticks that keeps at most 8 ticks (as render.ts picks its columns). */
export function tickStep(horizon: number): number {
  const raw = Math.max(1, horizon / 8);
  for (let unit = 1; ; unit *= 10) {
    for (const step of [1, 2, 5]) if (step * unit >= raw) return step * unit;
  }
}

const short = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const fixed = (n: number) => Math.round(n * 10) / 10;

/** The end of a bar: a dot (done), a bar (failed), a cross (aborted), an arrow (still running). */
function endGlyph(outcome: FigureSpan["outcome"], x: number, y: number): string {
  const c = COLOUR[outcome];
  switch (outcome) {
    case "done":
      return `<circle cx="${x}" cy="${y}" r="4" fill="${c}"/>`;
    case "failed":
      return `<rect x="${x - 2}" y="${y - 6}" width="4" height="12" fill="${c}"/>`;
    case "aborted":
      return `<path d="M${x - 4} ${y - 4}L${x + 4} ${y + 4}M${x - 4} ${y + 4}L${x + 4} ${y - 4}" stroke="${c}" stroke-width="2"/>`;
    case "running":
      return `<path d="M${x - 3} ${y - 5}L${x + 4} ${y}L${x - 3} ${y + 5}Z" fill="${c}"/>`;
  }
}

/** The last moment the figures know of: where their time axis ends. */
export const horizonOf = (figures: TestFigures | undefined): number =>
  Math.max(1, figures?.makespanMs ?? 0, ...(figures?.requests ?? []).map((s) => s.end ?? s.start), ...(figures?.aborts ?? []).map((a) => a.at));

/**
 * The SVG of one test's requests (and abort() calls), or "" when the figures
 * hold none. `title` names it for screen readers and the tooltip. `scale`
 * (ms; the figures' own horizon when longer) puts timelines drawn side by side on one time scale.
 */
export function timelineSvg(figures: TestFigures | undefined, title: string, scale = 0): string {
  const spans = figures?.requests ?? [];
  if (spans.length === 0) return "";
  const aborts = figures?.aborts ?? [];
  const horizon = Math.max(scale, horizonOf(figures));
  const x = (t: number) => fixed(CHART_LEFT + (Math.min(t, horizon) / horizon) * (CHART_RIGHT - CHART_LEFT));
  const markRows = (["caller", "code"] as const).filter((by) => aborts.some((a) => a.by === by));
  const rows = spans.length + markRows.length;
  const leftOut = figures?.requestsLeftOut ?? 0;
  const height = AXIS + rows * ROW + (leftOut > 0 ? ROW : 0) + LEGEND;
  const rowY = (i: number) => AXIS + i * ROW + ROW / 2;

  const parts: string[] = [];
  const step = tickStep(horizon);
  for (let t = 0; t <= horizon; t += step) {
    parts.push(
      `<line x1="${x(t)}" y1="${AXIS - 6}" x2="${x(t)}" y2="${AXIS + rows * ROW}" stroke="#d0d7de"/>`,
      `<text x="${x(t)}" y="${AXIS - 10}" font-size="10" text-anchor="middle" fill="#57606a">${t}</text>`,
    );
  }
  parts.push(`<text x="${LABEL_WIDTH}" y="${AXIS - 10}" font-size="10" text-anchor="end" fill="#57606a">time (ms)</text>`);
  spans.forEach((span, i) => {
    const y = rowY(i);
    const from = x(span.start);
    const to = x(span.end ?? horizon);
    const what = `${span.label}: from ${span.start} ms ${span.end === undefined ? "and still running" : `to ${span.end} ms`}, ${WORDS[span.outcome]}${span.note ? ` (${span.note})` : ""}`;
    parts.push(
      `<g class="span" data-outcome="${span.outcome}"><title>${escapeXml(what)}</title>` +
        `<text x="${LABEL_WIDTH}" y="${y + 4}" font-size="11" text-anchor="end">${escapeXml(short(span.label, 28))}</text>` +
        `<rect x="${from}" y="${y - 3}" width="${fixed(Math.max(1, to - from))}" height="6" fill="#54aeff"${span.outcome === "running" ? ' fill-opacity="0.5"' : ""}/>` +
        endGlyph(span.outcome, to, y) +
        (span.note ? `<text x="${CHART_RIGHT + 10}" y="${y + 4}" font-size="10" fill="#57606a">${escapeXml(short(span.note, 22))}</text>` : "") +
        `</g>`,
    );
  });
  markRows.forEach((by, j) => {
    const y = rowY(spans.length + j);
    const times = aborts.filter((a) => a.by === by).map((a) => a.at);
    parts.push(
      `<g class="aborts" data-by="${by}"><title>${escapeXml(`${MARK_ROW[by]} at ${times.map((t) => `${t} ms`).join(", ")}`)}</title>` +
        `<text x="${LABEL_WIDTH}" y="${y + 4}" font-size="11" text-anchor="end" fill="#57606a">${MARK_ROW[by]}</text>` +
        times
          .map(
            (t) =>
              `<line x1="${x(t)}" y1="${AXIS}" x2="${x(t)}" y2="${y - 6}" stroke="#cf222e" stroke-dasharray="3 3"/><path d="M${x(t)} ${y - 6}L${x(t) + 5} ${y + 4}L${x(t) - 5} ${y + 4}Z" fill="#cf222e"/>`,
          )
          .join("") +
        `</g>`,
    );
  });
  if (leftOut > 0)
    parts.push(
      `<text x="${LABEL_WIDTH}" y="${rowY(rows) + 4}" font-size="11" text-anchor="end" fill="#57606a">… and ${leftOut} more request${leftOut === 1 ? "" : "s"}, not drawn</text>`,
    );
  const legendY = height - 7;
  const peak = figures?.peakInFlight === undefined ? "" : `   peak in flight: ${figures.peakInFlight}`;
  parts.push(
    `<text x="4" y="${legendY}" font-size="10" fill="#57606a" style="white-space: pre">▬ running   <tspan fill="${COLOUR.done}">●</tspan> done   <tspan fill="${COLOUR.failed}">▮</tspan> failed   <tspan fill="${COLOUR.aborted}">✕</tspan> aborted   <tspan fill="${COLOUR.running}">▶</tspan> still running${markRows.length ? `   <tspan fill="#cf222e">▲</tspan> abort() called` : ""}${escapeXml(peak)}</text>`,
  );
  return `<svg class="timeline" role="img" aria-label="${escapeXml(`Timeline: ${title}`)}" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" xmlns="http://www.w3.org/2000/svg">${parts.join("")}</svg>`;
}

// report.html: the class on one self-contained page (no script, style or font
// from anywhere else: it is opened from a disk, a CI artifact or an e-mail).
// Sortable tables (a click on a column's heading), each exercise's score
// distribution and its clusters, the flags, and each exercise's tests side by
// side for every student; charts are SVG, and so are the timelines (each
// cluster's, for one of its students: clusterTimeline).
import { analyseClass, type Cluster, type ExerciseAnalysis } from "./analysis.ts";
import { timelineSvg } from "./timeline-svg.ts";
import type { ClassReport, StudentResult } from "./types.ts";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #1f2328; max-width: 1200px; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #d0d7de; } h3 { font-size: 15px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
th.sortable { cursor: pointer; user-select: none; }
th.sortable::after { content: " ↕"; color: #8c959f; }
th[aria-sort="ascending"]::after { content: " ↑"; color: #1f2328; }
th[aria-sort="descending"]::after { content: " ↓"; color: #1f2328; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.pass { background: #dafbe1; } .fail { background: #ffebe9; } .error { background: #fff8c5; } .none { color: #8c959f; }
.flag { color: #cf222e; font-weight: 600; }
.summary { display: flex; gap: 24px; flex-wrap: wrap; }
.summary div { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 14px; }
.summary b { display: block; font-size: 20px; }
code { font-size: 12px; }
details { margin: 6px 0; }
pre.diff { background: #f6f8fa; padding: 8px; overflow-x: auto; font-size: 12px; }
pre.diff .add { background: #dafbe1; } pre.diff .del { background: #ffebe9; }
svg.timeline { display: block; max-width: 100%; height: auto; font-family: system-ui, sans-serif; }
.side-by-side { display: flex; flex-wrap: wrap; gap: 16px; }
.side-by-side figure { margin: 0; }
figcaption { font-size: 12px; margin-bottom: 2px; }
`;

// Sorting, inline: numbers as numbers (an empty cell last), text by locale; a second click reverses.
const SCRIPT = `
for (const table of document.querySelectorAll("table.sortable")) {
  const heads = table.querySelectorAll("thead th");
  heads.forEach((th, column) => {
    th.classList.add("sortable");
    th.addEventListener("click", () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      heads.forEach((other) => other.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const body = table.tBodies[0];
      const value = (row) => { const cell = row.cells[column]; return cell ? (cell.dataset.sort ?? cell.textContent.trim()) : ""; };
      const rows = Array.from(body.rows).sort((a, b) => {
        const x = value(a), y = value(b);
        if (x === "" || y === "") return x === y ? 0 : x === "" ? 1 : -1;
        const nx = Number(x), ny = Number(y);
        const order = !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x.localeCompare(y);
        return ascending ? order : -order;
      });
      for (const row of rows) body.appendChild(row);
    });
  });
}
`;

/** An SVG bar chart: how many students scored each number of points in an exercise. */
function scoreHistogramSvg(analysis: ExerciseAnalysis, scores: readonly number[]): string {
  const max = analysis.maxScore;
  const counts = Array.from({ length: max + 1 }, (_, points) => scores.filter((s) => s === points).length);
  const tallest = Math.max(1, ...counts);
  const barWidth = Math.max(8, Math.min(36, Math.floor(420 / (max + 1))));
  const height = 110;
  const width = (max + 1) * barWidth + 40;
  const bars = counts
    .map((count, points) => {
      const h = Math.round((count / tallest) * (height - 30));
      const x = 30 + points * barWidth;
      const full = points === max ? "#2da44e" : "#8c959f";
      return (
        `<rect x="${x + 1}" y="${height - 16 - h}" width="${barWidth - 2}" height="${h}" fill="${full}"><title>${count} student${count === 1 ? "" : "s"} scored ${points}/${max}</title></rect>` +
        (count > 0 ? `<text x="${x + barWidth / 2}" y="${height - 19 - h}" font-size="10" text-anchor="middle">${count}</text>` : "") +
        (points === 0 || points === max || max <= 12
          ? `<text x="${x + barWidth / 2}" y="${height - 4}" font-size="10" text-anchor="middle">${points}</text>`
          : "")
      );
    })
    .join("");
  return `<svg class="histogram" role="img" aria-label="Scores in ${escapeHtml(analysis.id)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg"><line x1="28" y1="${height - 16}" x2="${width - 8}" y2="${height - 16}" stroke="#57606a"/>${bars}</svg>`;
}

const cell = (text: string | number, className = "", sort?: string | number) =>
  `<td${className ? ` class="${className}"` : ""}${sort === undefined ? "" : ` data-sort="${escapeHtml(String(sort))}"`}>${typeof text === "number" ? text : escapeHtml(text)}</td>`;

function studentRow(report: ClassReport, student: StudentResult): string {
  const cells = report.exercises.map(({ id }) => {
    const e = student.report?.exercises.find((x) => x.id === id);
    if (!e) return cell("—", "none num", "");
    return `<td class="num ${e.notStarted ? "none" : e.status}" data-sort="${e.score}" title="${escapeHtml(e.status === "error" ? (e.message ?? "error") : e.notStarted ? "not started" : e.knownMistake ? `known mistake: ${e.knownMistake.name}` : e.status)}">${e.status === "error" ? "error" : e.score}</td>`;
  });
  // Flags in red; a student merely missing from Classroom's export, muted.
  const flags = [
    ...(student.protectedChanges.length > 0
      ? [`${student.protectedChanges.length} protected file${student.protectedChanges.length === 1 ? "" : "s"} changed`]
      : []),
    ...(student.classroomMismatch ? [`Classroom ${student.classroomMismatch.classroom}/${student.classroomMismatch.classroomMax}`] : []),
    ...(student.status === "error" ? [`not graded: ${student.message ?? ""}`] : []),
  ].map((flag) => `<span class="flag">${escapeHtml(flag)}</span>`);
  if (student.classroomMissing) flags.push(`<span class="none">not in Classroom's export</span>`);
  return `<tr>${cell(student.name)}${cells.join("")}${student.report ? cell(student.report.score, "num") : cell("—", "none num", "")}<td>${flags.join("; ")}</td></tr>`;
}

/**
 * A cluster's mistake on the clock: the requests of its first student's first
 * failing test that made any, as an SVG timeline (folded). Students of a
 * cluster fail the same tests, so one of them shows what the mistake does to
 * the timing (requests one after another, an abort that never came); drawing
 * every student's would make the page as long as the class.
 */
function clusterTimeline(report: ClassReport, id: string, cluster: Cluster): string {
  for (const name of cluster.students) {
    const tests = report.students.find((s) => s.name === name)?.report?.exercises.find((e) => e.id === id)?.tests ?? [];
    const test = tests.find((t) => t.status === "fail" && (t.figures?.requests?.length ?? 0) > 0);
    if (test) {
      return `<details><summary>${escapeHtml(`${name}: ${test.name}`)}</summary>${timelineSvg(test.figures, `${name}, ${test.name}`)}</details>`;
    }
  }
  return `<span class="none">no request recorded</span>`;
}

function exerciseSection(report: ClassReport, analysis: ExerciseAnalysis): string {
  const scores = report.students.flatMap(
    (s) => s.report?.exercises.filter((e) => e.id === analysis.id && e.status !== "error").map((e) => e.score) ?? [],
  );
  const clusters =
    analysis.clusters.length === 0
      ? "<p>No student fell short of full marks with a graded exercise.</p>"
      : `<table class="sortable clusters"><thead><tr><th>Cluster</th><th>Students</th><th>Failing tests (signature)</th><th>Who</th><th>On the virtual clock (one of them)</th></tr></thead><tbody>${analysis.clusters
          .map(
            (c) =>
              `<tr>${cell(c.name === "unknown" ? "unknown" : c.name)}${cell(c.students.length, "num")}<td>${c.explanation ? `<p>${escapeHtml(c.explanation)}</p>` : ""}<ul>${c.failed.map((t) => `<li>${escapeHtml(t)}</li>`).join("")}</ul></td>${cell(c.students.join(", "))}<td class="timeline-cell">${clusterTimeline(report, analysis.id, c)}</td></tr>`,
          )
          .join("")}</tbody></table>`;
  const mostFailed = analysis.mostFailed
    .slice(0, 10)
    .map((f) => `<tr>${cell(f.test)}${cell(f.students, "num")}</tr>`)
    .join("");
  const tests = [...new Set(report.students.flatMap((s) => s.report?.exercises.find((e) => e.id === analysis.id)?.tests.map((t) => t.name) ?? []))];
  const matrixRows = report.students
    .filter((s) => s.report)
    .map((s) => {
      const e = s.report!.exercises.find((x) => x.id === analysis.id);
      const byName = new Map(e?.tests.map((t) => [t.name, t]) ?? []);
      return `<tr>${cell(s.name)}${tests
        .map((name) => {
          const t = byName.get(name);
          return t
            ? `<td class="${e?.status === "error" ? "error" : t.status}" data-sort="${t.status === "pass" ? 1 : 0}">${t.status === "pass" ? "✓" : "✗"}</td>`
            : cell("—", "none", "");
        })
        .join("")}</tr>`;
    })
    .join("");
  const errors =
    analysis.errors.length === 0
      ? ""
      : `<h4>Could not be graded</h4><ul>${analysis.errors.map((e) => `<li><b>${escapeHtml(e.student)}</b>: ${escapeHtml(e.message)}</li>`).join("")}</ul>`;
  return `<section class="exercise" id="exercise-${escapeHtml(analysis.id)}"><h3>${escapeHtml(analysis.id)} — full marks: ${analysis.fullMarks}/${analysis.graded}${analysis.notStarted ? `, not started: ${analysis.notStarted}` : ""}${analysis.errors.length ? `, errors: ${analysis.errors.length}` : ""}</h3>
${scoreHistogramSvg(analysis, scores)}
${mostFailed ? `<h4>Tests most often failed</h4><table class="sortable"><thead><tr><th>Test</th><th>Students failing it</th></tr></thead><tbody>${mostFailed}</tbody></table>` : ""}
<h4>Clusters: students failing the same tests</h4>${clusters}${errors}
<details><summary>Every test, side by side</summary><table class="sortable matrix"><thead><tr><th>Student</th>${tests.map((t) => `<th title="${escapeHtml(t)}">${escapeHtml(t.length > 40 ? `${t.slice(0, 39)}…` : t)}</th>`).join("")}</tr></thead><tbody>${matrixRows}</tbody></table></details></section>`;
}

/** The code of one exercise of two submissions, as a diff in the page (npm run compare -- --html). */
export const diffSectionHtml = (title: string, diff: string) =>
  `<h2>${escapeHtml(title)}</h2><pre class="diff">${diff
    .split("\n")
    .map((line) => `<span class="${line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : ""}">${escapeHtml(line)}</span>`)
    .join("\n")}</pre>`;

/** The page; `extra`, already HTML (a diff section), goes after the exercises. */
export function reportHtml(report: ClassReport, extra = ""): string {
  const analyses = analyseClass(report);
  const graded = report.students.filter((s) => s.report);
  const maxTotal = report.exercises.reduce((sum, e) => sum + e.maxScore, 0);
  const mean = graded.length ? graded.reduce((sum, s) => sum + s.report!.score, 0) / graded.length : 0;
  const flagged = report.students.filter((s) => s.protectedChanges.length > 0 || s.classroomMismatch);
  const flags =
    flagged.length === 0
      ? "<p>No student changed a protected file, and no Classroom score differs from the regrade.</p>"
      : `<table class="sortable flags"><thead><tr><th>Student</th><th>Protected files that differ from the template</th><th>Classroom's points</th><th>Regrade</th></tr></thead><tbody>${flagged
          .map(
            (s) =>
              `<tr>${cell(s.name)}<td>${s.protectedChanges.map((c) => `<code>${escapeHtml(c.file)}</code> (${c.change})`).join("<br>")}</td>${s.classroomMismatch ? cell(`${s.classroomMismatch.classroom}/${s.classroomMismatch.classroomMax}`, "flag") : cell("")}${s.classroomMismatch ? cell(`${s.classroomMismatch.regrade}/${s.classroomMismatch.regradeMax}`) : cell("")}</tr>`,
          )
          .join("")}</tbody></table>`;
  const shards = report.shards.length ? ` (shards ${report.shards.map((s) => `${s.index}/${s.count}`).join(", ")})` : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>Class report</title><style>${STYLE}</style></head>
<body>
<h1>Class report${escapeHtml(shards)}</h1>
<div class="summary"><div><b>${report.students.length}</b>students</div><div><b>${graded.length ? mean.toFixed(1) : "—"}/${maxTotal}</b>mean score</div><div><b>${graded.filter((s) => s.report!.score === maxTotal).length}</b>full marks</div><div><b>${report.students.length - graded.length}</b>not gradable</div><div><b>${flagged.length}</b>flagged</div></div>
<h2>Students</h2>
<table class="sortable students" id="students"><thead><tr><th>Student</th>${report.exercises.map((e) => `<th title="out of ${e.maxScore}">${escapeHtml(e.id)}</th>`).join("")}<th>Total</th><th>Flags</th></tr></thead>
<tbody>${report.students.map((s) => studentRow(report, s)).join("\n")}</tbody></table>
<h2>Flags: the instructor's regrade</h2>${flags}
<h2>What went wrong, by exercise</h2>
${analyses.map((a) => exerciseSection(report, a)).join("\n")}
${extra}
<script>${SCRIPT}</script>
</body></html>
`;
}

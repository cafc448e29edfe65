// compare --html: the virtual-time figures of the compared submissions side by
// side, per exercise (a sortable table: each test's makespan and peak of
// requests in flight), and each test's requests drawn as SVG timelines, one
// per submission next to each other on one time scale, so that "B waited for
// each request in turn" is seen at a glance.
import type { TestReport } from "../score.ts";
import { describeFigures, type Compared } from "./compare.ts";
import { escapeXml as escapeHtml, horizonOf, timelineSvg } from "./timeline-svg.ts";

const testOf = (c: Compared, id: string, name: string): TestReport | undefined =>
  c.report.exercises.find((e) => e.id === id)?.tests.find((t) => t.name === name);

function exerciseTimelines(compared: readonly Compared[], id: string): string {
  const names = [
    ...new Set(
      compared.flatMap(
        (c) =>
          c.report.exercises
            .find((e) => e.id === id)
            ?.tests.filter((t) => t.figures)
            .map((t) => t.name) ?? [],
      ),
    ),
  ];
  if (names.length === 0) return "";
  const head = `<tr><th>Test</th>${compared.map((c) => `<th>${escapeHtml(c.label)}</th>`).join("")}</tr>`;
  const rows = names
    .map((name) => {
      const cells = compared.map((c) => {
        const figures = testOf(c, id, name)?.figures;
        return `<td class="num" data-sort="${figures?.makespanMs ?? ""}">${escapeHtml(describeFigures(figures))}</td>`;
      });
      return `<tr><td>${escapeHtml(name)}</td>${cells.join("")}</tr>`;
    })
    .join("");
  const drawn = names
    .filter((name) => compared.some((c) => (testOf(c, id, name)?.figures?.requests?.length ?? 0) > 0))
    .map((name) => {
      // One time scale for all: twice as long looks twice as long.
      const horizon = Math.max(...compared.map((c) => horizonOf(testOf(c, id, name)?.figures)));
      const figures = compared.map((c) => {
        const test = testOf(c, id, name);
        const svg = timelineSvg(test?.figures, `${name}, ${c.label}`, horizon);
        const status = test ? (test.status === "pass" ? "✓ passed" : "✗ failed") : "not run";
        return `<figure><figcaption><b>${escapeHtml(c.label)}</b> ${status}: ${escapeHtml(describeFigures(test?.figures))}</figcaption>${svg || '<p class="none">no request</p>'}</figure>`;
      });
      return `<details class="timelines" open><summary>${escapeHtml(name)}</summary><div class="side-by-side">${figures.join("")}</div></details>`;
    })
    .join("");
  return `<h3>${escapeHtml(id)}</h3><table class="sortable figures"><thead>${head}</thead><tbody>${rows}</tbody></table>${drawn}`;
}

/** The page's section of virtual-time figures and timelines ("" when no test recorded any). */
export function timelinesSectionHtml(compared: readonly Compared[]): string {
  const ids = [...new Set(compared.flatMap((c) => c.report.exercises.map((e) => e.id)))];
  const sections = ids.map((id) => exerciseTimelines(compared, id)).filter(Boolean);
  if (sections.length === 0) return "";
  return `<h2 id="virtual-time">On the virtual clock, side by side</h2><p>Each test's makespan (the virtual time its work took) and peak of requests in flight, as the test kit recorded them; below, each test's requests on a time axis.</p>${sections.join("\n")}`;
}

// The virtual-time figures the test kit records per test (task.meta.figures):
// passed on by the grader's reporter bounded whatever the worker sent (student
// code runs there too), carried into the reports, shown side by side by
// compare, and drawn as SVG timelines in the HTML pages.
import { afterEach, describe, expect, test } from "vitest";
import { compareText } from "../src/class/compare.ts";
import { timelinesSectionHtml } from "../src/class/compare-timelines.ts";
import { reportHtml } from "../src/class/report-html.ts";
import { tickStep, timelineSvg } from "../src/class/timeline-svg.ts";
import IpcReporter from "../src/run/ipc-reporter.ts";
import { boundedFigures, FIGURE_LIMITS, type RunMessage } from "../src/run/messages.ts";
import type { RunResult } from "../src/run/run-tests.ts";
import { scoreRun } from "../src/score.ts";
import { classWithFigures, compared, concurrent, sequential } from "./fixtures/class/sample-figures.ts";
import { sampleReport } from "./fixtures/class/sample-report.ts";

describe("boundedFigures: the figures as the grader keeps them", () => {
  test("keeps figures as the test kit writes them, unchanged", () => {
    expect(boundedFigures(concurrent)).toEqual(concurrent);
    expect(boundedFigures({ ...sequential, requestsLeftOut: 3 })).toEqual({ ...sequential, requestsLeftOut: 3 });
  });

  test("drops numbers that are not finite, negative, out of range or not numbers, and unknown fields", () => {
    const hostile = {
      makespanMs: Infinity,
      peakInFlight: 2.5,
      requestsLeftOut: -4,
      score: 100,
      requests: [
        { label: "GET /ok", start: 0, end: 10, outcome: "done" },
        { label: "GET /nan", start: NaN, outcome: "done" },
        { label: 42, start: 0, outcome: "done" },
        { label: "GET /odd", start: 5, end: 1, outcome: "passed" },
        { label: "GET /back", start: 5, end: 1, outcome: "done", note: { toString: "x" } },
        null,
        "GET /text",
      ],
      aborts: [
        { at: 1e12, by: "code" },
        { at: 3, by: "grader" },
        { at: 4, by: "caller" },
      ],
    };
    expect(boundedFigures(hostile)).toEqual({
      requests: [
        { label: "GET /ok", start: 0, end: 10, outcome: "done" },
        // An end before its start is dropped: the request is drawn as still running.
        { label: "GET /back", start: 5, outcome: "done" },
      ],
      aborts: [{ at: 4, by: "caller" }],
    });
  });

  test("caps the requests, the aborts and every string, and counts the requests left out", () => {
    const label = `GET /${"x".repeat(10_000)}`;
    const note = "n".repeat(10_000);
    const many = Array.from({ length: 100_000 }, (_, i) => ({ label, start: i, end: i + 1, outcome: "done", note }));
    const figures = boundedFigures({ requests: many, requestsLeftOut: 5, aborts: Array.from({ length: 1000 }, () => ({ at: 1, by: "code" })) });
    expect(figures?.requests).toHaveLength(FIGURE_LIMITS.spans);
    expect(figures?.requestsLeftOut).toBe(100_000 - FIGURE_LIMITS.spans + 5);
    expect(figures?.aborts).toHaveLength(FIGURE_LIMITS.aborts);
    expect(figures?.requests?.[0]?.label).toHaveLength(FIGURE_LIMITS.label);
    expect(figures?.requests?.[0]?.note).toHaveLength(FIGURE_LIMITS.note);
    expect(JSON.stringify(figures).length).toBeLessThan(60_000);
  });

  test("is undefined for anything that holds no figure, and never throws", () => {
    for (const raw of [undefined, null, 7, "figures", [], {}, { makespanMs: "300" }, { requests: "all" }])
      expect(boundedFigures(raw)).toBeUndefined();
  });
});

describe("the grader's reporter passes each test's figures on", () => {
  const original = process.send;
  afterEach(() => {
    process.send = original;
  });

  const testCase = (meta: Record<string, unknown>) =>
    ({
      name: "fetchConcurrent starts every request at once",
      module: { moduleId: "/course/exercises/02/test/a.test.ts" },
      location: { line: 3 },
      meta: () => meta,
      result: () => ({ state: "passed" }),
      diagnostic: () => ({ duration: 12 }),
    }) as never;

  function reported(meta: Record<string, unknown>): RunMessage[] {
    const sent: RunMessage[] = [];
    process.send = ((message: RunMessage) => sent.push(message) > 0) as typeof process.send;
    const reporter = new IpcReporter();
    reporter.onInit({ config: { root: "/course/exercises/02" } });
    reporter.onTestCaseResult(testCase(meta));
    return sent;
  }

  test("figures the kit wrote reach the grader with the test's result", () => {
    const [message] = reported({ points: 2, figures: concurrent });
    expect(message).toMatchObject({
      type: "result",
      test: { name: "fetchConcurrent starts every request at once", state: "pass", points: 2, figures: concurrent },
    });
  });

  test("hostile figures (student code can write the test's metadata) arrive bounded, or not at all", () => {
    const [message] = reported({
      figures: { makespanMs: NaN, peakInFlight: 1e300, requests: [{ label: "x".repeat(1e6), start: 0, outcome: "done" }] },
    });
    expect(message?.type === "result" && message.test.figures).toEqual({
      requests: [{ label: `${"x".repeat(FIGURE_LIMITS.label - 1)}…`, start: 0, outcome: "done" }],
    });
    const [none] = reported({ figures: "a lot" });
    expect(none?.type === "result" && "figures" in none.test).toBe(false);
  });
});

test("scoreRun carries a test's figures into its report, and a test without figures has none", () => {
  const expected = [
    { name: "a", file: "test/a.test.ts", points: 1 },
    { name: "b", file: "test/a.test.ts", points: 1 },
  ];
  const run: RunResult = {
    collected: expected,
    results: [
      { ...expected[0]!, state: "pass", durationMs: 1, figures: concurrent },
      { ...expected[1]!, state: "fail", durationMs: 1, message: "no" },
    ],
    moduleErrors: [],
    unhandledErrors: [],
    end: { kind: "completed" },
    output: "",
    durationMs: 1,
  };
  const report = scoreRun("02-x", expected, run);
  expect(report.tests[0]?.figures).toEqual(concurrent);
  expect(report.tests[1]).not.toHaveProperty("figures");
});

describe("compare shows the figures side by side", () => {
  test("the exercise's total, then each test whose figures differ: makespan and peak in flight per submission", () => {
    const text = compareText(compared(classWithFigures(), "ada", "zed"));
    expect(text).toContain(
      [
        "01-answer  A 4/4  B 2/4",
        "  B: known mistake answers-at-once",
        "  A B",
        "  ✓ ✗  answer thinks for exactly 1000 ms",
        "  virtual time (makespan, peak requests in flight), all tests: A 300 ms, 2 at once  B 600 ms, 1 at once",
        "  A 300 ms, 2 at once  B 600 ms, 1 at once  answer thinks for exactly 1000 ms",
        "",
      ].join("\n"),
    );
    // 02-echo recorded none: no line of figures.
    expect(text.split("02-echo")[1]).not.toContain("virtual time");
  });

  test("figures equal for all are summed up but not listed test by test (unless --all)", () => {
    const report = classWithFigures();
    const text = compareText(compared(report, "zed", "mia"));
    expect(text).toContain("all tests: A 600 ms, 1 at once  B 600 ms, 1 at once\n\n02-echo");
    expect(compareText(compared(report, "zed", "mia"), true)).toContain(
      "  A 600 ms, 1 at once  B 600 ms, 1 at once  answer thinks for exactly 1000 ms\n",
    );
    expect(compareText(compared(report, "ada", "hal"), true)).toContain(
      "  A 300 ms, 2 at once  B —                  answer thinks for exactly 1000 ms\n",
    );
  });
});

describe("timelines drawn as SVG", () => {
  test("one bar per request on the time axis, its end marked by its outcome, abort() calls on a row of their own", () => {
    const svg = timelineSvg(concurrent, "ada");
    expect(svg.match(/<g class="span"/g)).toHaveLength(2);
    expect(svg).toContain('<g class="span" data-outcome="done"><title>GET /a: from 0 ms to 300 ms, done (200 at 300ms)</title>');
    expect(svg).toContain('<g class="span" data-outcome="aborted"><title>GET /b: from 0 ms to 200 ms, aborted (aborted at 200ms)</title>');
    expect(svg).toContain('<g class="aborts" data-by="code"><title>your code aborts at 200 ms</title>');
    expect(svg).toContain("peak in flight: 2");
    // Axis ticks every 50 ms up to 300 ms: as the ASCII timelines, 1, 2 or 5 times a power of ten.
    expect([...svg.matchAll(/text-anchor="middle" fill="#57606a">(\d+)</g)].map((m) => Number(m[1]))).toEqual([0, 50, 100, 150, 200, 250, 300]);
    expect([tickStep(1), tickStep(9), tickStep(300), tickStep(60_000)]).toEqual([1, 2, 50, 10_000]);
  });

  test("labels are text, never markup; a request still running is drawn to the end; requests left out are counted; no request, no picture", () => {
    const svg = timelineSvg({ makespanMs: 100, requests: [{ label: "GET /<script>", start: 10, outcome: "running" }], requestsLeftOut: 4 }, "x");
    expect(svg).toContain("GET /&lt;script&gt;");
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("from 10 ms and still running, still running");
    expect(svg).toContain("… and 4 more requests, not drawn");
    expect(timelineSvg({ makespanMs: 100 }, "x")).toBe("");
    expect(timelineSvg(undefined, "x")).toBe("");
  });

  test("compare's page: per exercise a sortable table of figures, and each test's timelines side by side, one per submission", () => {
    const html = timelinesSectionHtml(compared(classWithFigures(), "ada", "zed"));
    expect(html).toContain('<h3>01-answer</h3><table class="sortable figures"><thead><tr><th>Test</th><th>ada</th><th>zed</th></tr></thead>');
    expect(html).toContain('<td class="num" data-sort="300">300 ms, 2 at once</td><td class="num" data-sort="600">600 ms, 1 at once</td>');
    expect(html.match(/<svg class="timeline"/g)).toHaveLength(2);
    expect(html).toContain("<figcaption><b>zed</b> ✗ failed: 600 ms, 1 at once</figcaption>");
    // One time scale for both: ada's axis runs to zed's 600 ms too.
    const axes = html
      .split('<svg class="timeline"')
      .slice(1)
      .map((svg) => [...svg.matchAll(/text-anchor="middle" fill="#57606a">(\d+)</g)].map((m) => Number(m[1])).at(-1));
    expect(axes).toEqual([600, 600]);
    expect(html).not.toContain("<h3>02-echo</h3>");
    expect(timelinesSectionHtml(compared(sampleReport, "ada", "zed"))).toBe("");
  });

  test("report.html: each cluster shows one of its students' failing test on the clock", () => {
    const html = reportHtml(classWithFigures());
    // answers-at-once (mia, zed): mia's failing test has requests; ada is in no cluster (full marks).
    expect(html).toMatch(/<td class="timeline-cell"><details><summary>mia: answer thinks for exactly 1000 ms<\/summary><svg class="timeline"/);
    expect(html.match(/<svg class="timeline"/g)).toHaveLength(1);
  });
});

// report.html in a real browser (Debian's chromium, driven by playwright-core):
// it loads without a console error and without any request beyond itself,
// a click on a heading sorts the rows, and its layout holds (boxes measured,
// not pixels compared: fonts differ between machines, boxes do not overlap).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { comparedAsClass } from "../src/class/compare.ts";
import { timelinesSectionHtml } from "../src/class/compare-timelines.ts";
import { reportHtml } from "../src/class/report-html.ts";
import { classWithFigures, compared, TIMED_TEST } from "./fixtures/class/sample-figures.ts";
import { sampleReport } from "./fixtures/class/sample-report.ts";

/** Where Debian installs it (.ci/run installs it when missing); COURSE_CHROMIUM points elsewhere. */
const executablePath = process.env.COURSE_CHROMIUM ?? "/usr/bin/chromium";
/** Without the background-networking flags, Chromium keeps trying to reach Google's services. */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const available = existsSync(executablePath);
if (!available)
  console.warn(
    `report-html.integration.test.ts: skipped, no Chromium at ${executablePath} (bash .ci/run installs Debian's chromium; COURSE_CHROMIUM=/path/to/chromium to use another)`,
  );

describe.skipIf(!available)(`report.html in Chromium (${executablePath})`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), "report-html-"));
  const file = path.join(dir, "report.html");
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    writeFileSync(file, reportHtml(sampleReport));
    browser = await chromium.launch({ executablePath, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("loads without a console error or warning, and asks for nothing beyond itself (no CDN, no network)", async () => {
    await page.waitForLoadState("load");
    expect(problems).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
  });

  test("text the submission wrote is shown as text, never run", async () => {
    expect(await page.locator("text=<script>alert(1)</script>").count()).toBeGreaterThan(0);
  });

  test("a click on a heading sorts the rows by it, a second click reverses them; students without a total go last", async () => {
    const names = () => page.locator("#students tbody tr td:first-child").allTextContents();
    const total = page.locator("#students thead th", { hasText: "Total" });
    expect(await names()).toEqual(["mia", "ada", "zed", "hal", "kai"]);
    await total.click();
    // zed and hal tie at 3: a stable sort keeps them as they were.
    expect(await names()).toEqual(["zed", "hal", "mia", "ada", "kai"]);
    expect(await total.getAttribute("aria-sort")).toBe("ascending");
    await total.click();
    expect(await names()).toEqual(["ada", "mia", "zed", "hal", "kai"]);
    await page.locator("#students thead th", { hasText: "Student" }).click();
    expect(await names()).toEqual(["ada", "hal", "kai", "mia", "zed"]);
  });

  test("layout: the summary's boxes on one line, the students' table within the page, each exercise's histogram drawn as SVG bars", async () => {
    const boxes = await page
      .locator(".summary > div")
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as { top: number; left: number; right: number }));
    expect(boxes).toHaveLength(5);
    expect(new Set(boxes.map((b) => Math.round(b.top))).size, "the summary boxes share one line").toBe(1);
    for (const [a, b] of boxes.slice(1).map((box, i) => [boxes[i]!, box] as const))
      expect(b.left, "boxes do not overlap").toBeGreaterThanOrEqual(a.right);
    const table = await page.locator("#students").boundingBox();
    expect(table!.x + table!.width).toBeLessThanOrEqual(1280);
    const histograms = page.locator("svg.histogram");
    expect(await histograms.count()).toBe(2);
    // 01-answer: scores 2, 4, 2 among graded (hal's error is no score): the bar at 2 is the tallest.
    const bars = await histograms
      .first()
      .locator("rect")
      .evaluateAll((els) => els.map((el) => Number(el.getAttribute("height"))));
    expect(bars).toHaveLength(5);
    expect(bars[2]).toBe(Math.max(...bars));
    expect(bars[2]).toBeGreaterThan(0);
    const png = await page.screenshot({ fullPage: true });
    expect(png.length).toBeGreaterThan(10_000);
    if (process.env.COURSE_REPORT_SCREENSHOT) writeFileSync(process.env.COURSE_REPORT_SCREENSHOT, png);
  });

  test("clusters are listed with their known wrong way's name and size, the flags with the file and both scores", async () => {
    const cluster = page.locator("#exercise-01-answer table.clusters tbody tr").first();
    expect(await cluster.locator("td").nth(0).textContent()).toBe("answers-at-once");
    expect(await cluster.locator("td").nth(1).textContent()).toBe("2");
    const flags = await page.locator("table.flags tbody tr").allTextContents();
    expect(flags).toEqual([expect.stringMatching(/^zed\.github\/workflows\/classroom\.yml \(changed\)7\/73\/7$/)]);
  });
});

describe.skipIf(!available)(`timelines drawn as SVG, in Chromium (${executablePath})`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), "report-timelines-"));
  const classWithTimes = classWithFigures();
  const side = compared(classWithTimes, "ada", "zed");
  const pages = {
    compare: path.join(dir, "compare.html"),
    report: path.join(dir, "report.html"),
  };
  let browser: Browser;
  const problems: string[] = [];
  const requests: string[] = [];

  async function open(file: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href);
    await page.waitForLoadState("load");
    return page;
  }

  beforeAll(async () => {
    writeFileSync(pages.compare, reportHtml(comparedAsClass(side), timelinesSectionHtml(side)));
    writeFileSync(pages.report, reportHtml(classWithTimes));
    browser = await chromium.launch({ executablePath, args: ARGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  type Box = { x: number; y: number; width: number; height: number };
  const boxesOf = (page: Page, selector: string) =>
    page.locator(selector).evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    );
  const inside = (inner: Box, outer: Box) =>
    inner.x >= outer.x - 0.5 &&
    inner.y >= outer.y - 0.5 &&
    inner.x + inner.width <= outer.x + outer.width + 0.5 &&
    inner.y + inner.height <= outer.y + outer.height + 0.5;

  test("compare's page: each submission's timeline side by side, one bar per request on one time axis, without a console error", async () => {
    const page = await open(pages.compare);
    expect(problems).toEqual([]);
    expect(requests).toEqual([pathToFileURL(pages.compare).href]);
    // The section's timelines (the report's tables above it draw the cluster's too, folded).
    const svgs = await boxesOf(page, "details.timelines svg.timeline");
    expect(svgs).toHaveLength(2);
    expect(Math.round(svgs[0]!.y), "the two timelines side by side, on one line").toBe(Math.round(svgs[1]!.y));
    expect(svgs[1]!.x).toBeGreaterThanOrEqual(svgs[0]!.x + svgs[0]!.width);
    expect(svgs[1]!.x + svgs[1]!.width).toBeLessThanOrEqual(1280);
    const [ada, zed] = [0, 1].map((i) => page.locator("details.timelines svg.timeline").nth(i));
    const bars = async (svg: typeof ada) =>
      svg!.locator("g.span rect").evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }),
      );
    const adaBars = await bars(ada);
    const zedBars = await bars(zed);
    expect(adaBars).toHaveLength(2);
    for (const bar of [...adaBars, ...zedBars]) expect(bar.height).toBeGreaterThan(0);
    for (const bar of adaBars) expect(inside(bar, svgs[0]!)).toBe(true);
    // ada: both start at 0, the aborted one ends at 200 of 300 ms; zed: the second starts where the first ends;
    // one time scale for both: ada's 300 ms as long as zed's first 300 ms.
    expect(adaBars[0]!.x).toBeCloseTo(adaBars[1]!.x, 0);
    expect(adaBars[1]!.width / adaBars[0]!.width).toBeCloseTo(2 / 3, 1);
    expect(zedBars[1]!.x).toBeCloseTo(zedBars[0]!.x + zedBars[0]!.width, 0);
    expect(adaBars[0]!.width).toBeCloseTo(zedBars[0]!.width, 0);
    expect(await ada!.locator('g.span[data-outcome="aborted"] path').count(), "the aborted request ends in a cross").toBe(1);
    expect(await ada!.locator("g.aborts").count(), "the code's abort() has a row").toBe(1);
    expect(await zed!.locator('g.span[data-outcome="failed"]').count()).toBe(1);
    const png = await page.screenshot({ fullPage: true });
    expect(png.length).toBeGreaterThan(10_000);
    if (process.env.COURSE_TIMELINE_SCREENSHOT) writeFileSync(process.env.COURSE_TIMELINE_SCREENSHOT, png);
    await page.close();
  });

  test("report.html: a cluster's timeline opens from its row and draws within the page, without a console error", async () => {
    const page = await open(pages.report);
    const cell = page.locator("#exercise-01-answer table.clusters tbody tr").first().locator("td.timeline-cell");
    expect(await cell.locator("summary").textContent()).toBe(`mia: ${TIMED_TEST}`);
    await cell.locator("summary").click();
    const svg = await cell.locator("svg.timeline").boundingBox();
    expect(svg!.height).toBeGreaterThan(40);
    expect(svg!.x + svg!.width).toBeLessThanOrEqual(1280);
    expect(await cell.locator("g.span").count()).toBe(2);
    expect(problems).toEqual([]);
    await page.close();
  });
});

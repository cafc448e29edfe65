// Every exercise's `npm run demo`, run as a student runs it (node
// bin/demo.js in the exercise's folder): against the reference solution
// (COURSE_SRC_DIRS, as the course check lays it over the stub) its output
// tells the exercise's story, and against the untouched stub it says what is
// not written yet, with no stack trace. Real time on a shared machine: the
// assertions are about which lines appear and in which order, never about
// how long anything took (a number that depends on the load is matched by
// its shape only).
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const bin = path.join(root, "packages/testkit/bin/demo.js");
const exercises = readdirSync(path.join(root, "exercises"))
  .filter((name) => /^\d\d-/.test(name) && Number(name.slice(0, 2)) >= 2)
  .sort();

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function runDemoOf(id: string, solution: boolean): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.COURSE_SRC_DIRS;
  if (solution) env.COURSE_SRC_DIRS = path.join(root, "solutions", id, "src");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin], { cwd: path.join(root, "exercises", id), env, timeout: 90_000 });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

/** Each of `expected` matches a line, in this order (other lines may come between). */
function expectInOrder(out: string, expected: readonly (string | RegExp)[]): void {
  const lines = out.split("\n");
  let at = 0;
  for (const want of expected) {
    const found = lines.findIndex((line, i) => i >= at && (typeof want === "string" ? line.includes(want) : want.test(line)));
    expect(found, `after line ${at}, a line matching ${String(want)}; the output was:\n${out}`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
}

/** The numbered part headings, "1. …", "2. …". */
const parts = (out: string) => out.split("\n").filter((line) => /^\d+\. /.test(line));

const seconds = String.raw`\d+\.\d\d s`;

/** What each demo must show against the reference solution, in order, and how many parts it has. */
const stories: Record<string, { parts: number; story: (string | RegExp)[]; also?: (string | RegExp)[] }> = {
  "02": {
    parts: 3,
    story: [
      "1. fetchSequential",
      "server got GET /users/1",
      "server answered GET /users/1: 200",
      "server got GET /users/2",
      "server answered GET /users/2: 200",
      "server got GET /users/3",
      /fetchSequential resolved: \[\{"id":1,"name":"Ada"\},\{"id":2,"name":"Grace"\},\{"id":3,"name":"Barbara"\}\]$/,
      "What the server saw (real time, this run):",
      "2. fetchConcurrent",
      /fetchConcurrent resolved: \[\{"id":1,"name":"Ada"\},/,
      /Most requests in flight at once, as the server saw them: [1-3]\.$/,
      "3. fetchConcurrent when one request fails",
      /fetchConcurrent rejected with HttpError: HTTP 500 from http:\/\/127\.0\.0\.1:\d+\/broken\/2$/,
      /Aborted after the failure, as the server saw it: \/users\/[13]\?slow, \/users\/[13]\?slow\.$/,
      new RegExp(`One after another: ${seconds}\\. All at once: ${seconds}\\.$`),
    ],
  },
  "03": {
    parts: 4,
    story: [
      "Worker-1: start",
      "Worker-2: start",
      "Worker-3: start",
      "Worker-2: done",
      "Worker-3: done",
      "Worker-1: done",
      'runWorkers resolved: ["Worker-1 finished","Worker-2 finished","Worker-3 finished"]',
      "task B: fails",
      "gather rejected with Error: task B failed",
      "task A: done",
      "task C: done",
      "3. gather with { returnErrors: true }",
      'gather resolved: ["task A result", Error(task B failed), "task C result"]',
      "lazy(fn) made; started: false",
      "still nobody awaited it; started: false",
      "fn called (call number 1)",
      "fn was called once for three awaits.",
    ],
  },
  "04": {
    parts: 3,
    story: [
      /^n = [\d,]+: about 0\.5 s of work here\.$/,
      "1. sumOfSquaresSync(n)",
      "sumOfSquaresSync(n) resolved: the right sum",
      new RegExp(`The timer ticked 0 times in ${seconds}`),
      "2. sumOfSquares(n)",
      "sumOfSquares(n) resolved: the right sum",
      /The timer ticked \d+ times? in/,
      "3. sumOfSquares(4 × n)",
      "sumOfSquares(4 × n, { signal }) rejected with TimeoutError",
      /It stopped \d+ ms after the abort/,
    ],
  },
  "05": {
    parts: 3,
    story: [
      ...[1, 2, 3, 4, 5, 6].map((i) => `job ${i}: got one, downloads /files/${i}`),
      'all 6 jobs resolved: ["file 1","file 2","file 3","file 4","file 5","file 6"]',
      /Most downloads in flight at once, as the server saw them: [12] \(the limit is 2\)\.$/,
      'mapConcurrent resolved: ["file 1","file 2","file 3","file 4","file 5","file 6"]',
      /Most in flight at once, as the server saw them: [1-3] \(the limit is 3\)\.$/,
      "Download 4 started as soon as one of the first three finished, not when all three had: a pool, not batches.",
      "the caller aborts",
      "mapConcurrent rejected with Error: the caller gave up",
      /Downloads started before the abort: [1-6]; after it: 0\.$/,
      /^ {3}caller aborts +\^ +at \d+ms$/,
    ],
  },
  "06": {
    parts: 2,
    story: [
      "1. scrapeUrls(8 URLs",
      "scrapeUrls resolved: 8 results, in the order of the URLs",
      ...["/home", "/about", "/blog", "/missing", "/slow", "/down", "/contact", "/error"].map((p) => new RegExp(`^ {5}${p} +`)),
      /Most requests in flight at once, as the server saw them: [1-3] \(the limit is 3\)\.$/,
      "/slow was cut off at its deadline: the server saw the connection drop.",
      "2. scrapeUrls with a signal",
      "the caller aborts",
      "scrapeUrls rejected with Error: the caller gave up",
      /Requests the server saw aborted: \/\w+/,
    ],
    also: [
      /onResult: \/slow +failed: timeout after 500 ms/,
      /onResult: \/down +failed: fetch failed/,
      /onResult: \/missing +404 /,
      /onResult: \/error +500 /,
    ],
  },
  "07": {
    parts: 3,
    story: [
      ...[1, 2, 3, 4, 5].map((i) => `consumer: got item ${i}`),
      "consumer: the queue is closed and empty, the loop ends",
      "producer and consumer resolved: both finished",
      /The most items the queue held at once: [12] \(its maxSize is 2\)/,
      /runPipeline resolved: \{"produced":7,"consumed":7,"perConsumer":\[\d,\d,\d\]\}$/,
      /consumer \d: b1 fails$/,
      "runPipeline rejected with Error: could not handle b1",
      "Handlers started after the failure: 0.",
    ],
  },
  "08": {
    parts: 3,
    story: [
      'withTimeout(GET /quick, 400) resolved: "quick answer"',
      "withTimeout(GET /slow, 400) rejected with TimeoutError",
      /Requests the server saw aborted: .*\/slow\.$/,
      "task.state: pending",
      "task.cancel() returns true; task.state: cancelled",
      "task.promise rejected with CancelledError",
      "task.cancel() again returns false",
      "Requests the server saw aborted: /never.",
      /firstOf resolved: "from mirror [ab]"$/,
      /Requests the server saw aborted: \/mirror-[ab]\.$/,
    ],
  },
  "09": {
    parts: 4,
    story: [
      "fetchWithRetry resolved: 200 OK",
      new RegExp(`Requests: 4; time between their starts: ${seconds}, ${seconds}, ${seconds} `),
      "fetchWithRetry resolved: 200 OK",
      new RegExp(`Time between the two requests: ${seconds} `),
      "fetchWithRetry resolved: 404 Not Found",
      "Requests: 1 (a 404 is an answer",
      "attempt 1",
      "attempt 2, after a wait of",
      "attempt 3, after a wait of",
      "attempt 4, after a wait of",
      'retry resolved: "attempt 4 worked"',
    ],
  },
  "10": {
    parts: 2,
    story: [
      "runInWorkerPool(6 tasks, { threads: 1 }) resolved: 6 results",
      "Worker threads that ran tasks: 1,",
      /The first task started at \d+\.\d\d s/,
      /Meanwhile the main thread's timer \(every 20 ms\) ticked \d+ times/,
      /task 6 \(worker 1\) +=*o +done at \d+ms$/,
      /runInWorkerPool\(6 tasks, \{ threads: [2-4] \}\) resolved: 6 results/,
      /Worker threads that ran tasks: [2-4],/,
      new RegExp(`^1 thread: ${seconds}\\. [2-4] threads: ${seconds}`),
    ],
  },
  "11": {
    parts: 5,
    story: [
      "legacyPause(300) resolved",
      "The timer ticked 0 times",
      "pause(300) resolved",
      /The timer ticked [1-9]\d* times?;/,
      "legacySaveAll(5 files) resolved: done",
      "files complete on disk right then: 0 of 5",
      "legacySaveAll(a file in a folder that does not exist) resolved: done, as if all was well",
      "saveAll(5 files) resolved: done",
      "files complete on disk right then: 5 of 5",
      /saveAll\(a file in a folder that does not exist\) rejected with Error: ENOENT/,
      'loadConfigs(app, db, cache) resolved: [{"port":8080},{"host":"localhost"},{"ttl":60}]',
      /loadConfigs\(app, broken, cache\) rejected with Error: .*broken\.json/,
      "The message names the broken file.",
    ],
    // The legacy code's floating write: the demo shows it, it does not crash.
    also: [/unhandled rejection: Error: ENOENT: no such file or directory, open '.*lost\.txt' \(a promise rejected and nothing handled it\)$/],
  },
  "12": {
    parts: 2,
    story: [
      /crawl resolved: \d+ pages, \d+ errors$/,
      /^ {5}depth 0 +\/ +200 +3 links$/,
      /^ {5}error +\/down +fetch failed/,
      /^ {5}error +\/slow +timeout after 300 ms$/,
      /most in flight at once: [1-3] \(the limit is 3\)\.$/,
      /Requested more than once: .*\/slow/,
      "the caller aborts",
      "crawl rejected with Error: the caller stopped the crawl",
      /^ {3}caller aborts +\^ +at \d+ms$/,
    ],
  },
};

describe("npm run demo", () => {
  test("every exercise from 02 on has a demo, run by `npm run demo`, given by the exercise, and a story checked here", () => {
    expect(exercises.length).toBeGreaterThanOrEqual(11);
    for (const id of exercises) {
      const dir = path.join(root, "exercises", id);
      const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
        scripts?: Record<string, string>;
        course?: { given?: string[] };
      };
      expect(existsSync(path.join(dir, "demo.ts")), `${id}/demo.ts`).toBe(true);
      expect(manifest.scripts?.demo, `${id}'s demo script`).toBe("node ../../packages/testkit/bin/demo.js");
      const demoFiles = readdirSync(dir).filter((name) => /^demo.*\.ts$/.test(name));
      for (const file of demoFiles) expect(manifest.course?.given, `${id}: course.given lists ${file}`).toContain(file);
      expect(stories[id.slice(0, 2)], `a story for ${id} in this file`).toBeDefined();
      expect(readFileSync(path.join(dir, "README.md"), "utf8"), `${id}'s README mentions npm run demo`).toContain("`npm run demo`");
    }
  });

  // One at a time: each reference run is a story told in real time, and two
  // at once on a small machine would make each other's timings worse.
  describe.each(exercises)("%s", (id) => {
    test("against the reference solution: the exercise's story, every part run, and a total time", { timeout: 120_000 }, async () => {
      const { code, out, err } = await runDemoOf(id, true);
      const { parts: count, story, also = [] } = stories[id.slice(0, 2)]!;
      expect(err, "nothing on standard error").toBe("");
      expect(code).toBe(0);
      expect(parts(out).map((line) => line.split(".")[0])).toEqual(Array.from({ length: count }, (_, i) => String(i + 1)));
      expectInOrder(out, story);
      for (const line of also) expectInOrder(out, [line]);
      // An unhandled rejection only where the story shows one (11's legacy code).
      const showsUnhandled = also.some((line) => String(line).includes("unhandled rejection"));
      const never = [
        "not written yet",
        "still waiting after",
        "The demo itself failed",
        "uncaught exception",
        ...(showsUnhandled ? [] : ["unhandled rejection"]),
      ];
      for (const text of never) expect(out).not.toContain(text);
      expect(out.trimEnd().split("\n").at(-1)).toMatch(new RegExp(`^Finished in ${seconds} of real time\\.$`));
    });
  });

  // The stubs reject at once: nothing here depends on timing, so these run side by side.
  describe.concurrent.each(exercises)("%s", (id) => {
    test("against the stub: each part says what is not written yet, exit code 0, no stack trace", { timeout: 60_000 }, async () => {
      const { code, out, err } = await runDemoOf(id, false);
      expect(err, "nothing on standard error").toBe("");
      // 0: the demo could show what the code does, and that is "nothing yet" (see src/demo/run-demo.ts).
      expect(code).toBe(0);
      const lines = out.trimEnd().split("\n");
      expect(lines.at(-2)).toMatch(/^Not written yet: .+ \(src\/[\w-]+\.ts\)(, .+ \(src\/[\w-]+\.ts\))*\.$/);
      expect(lines.at(-1)).toMatch(/^Write (it|them) \(README\.md, "Your task"\), then run `npm run demo` again to watch your code run\.$/);
      expect(out).toMatch(/^ {3}.+ is not written yet: src\/[\w-]+\.ts still throws its TODO\.$/m);
      expect(out).not.toMatch(/^\s+at /m);
      expect(out).not.toContain("The demo itself failed");
      expect(parts(out).length).toBe(stories[id.slice(0, 2)]!.parts);
    });
  });

  test("outside an exercise folder it says where to run it, and exits 1", async () => {
    const { code, err } = await new Promise<Run>((resolve, reject) => {
      const child = spawn(process.execPath, [bin], { cwd: path.join(root, "packages"), env: process.env });
      let out = "";
      let errText = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (errText += chunk.toString()));
      child.on("error", reject);
      child.on("close", (exit) => resolve({ code: exit, out, err: errText }));
    });
    expect(code).toBe(1);
    expect(err.trim()).toBe("There is no demo.ts here: run `npm run demo` in an exercise folder (02 to 12).");
  });
});

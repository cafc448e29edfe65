// The stage every exercise's `npm run demo` stands on: a real server on the
// loopback interface, runDemo's parts, and what it says about a stub. Real
// time, short waits: every assertion is about what happened and in which
// order, never about how long it took.
import { afterEach, describe, expect, test } from "vitest";
import {
  DEMO_BROKEN,
  DEMO_OK,
  describeError,
  loadFailure,
  notWrittenYet,
  runDemo,
  startDemoServer,
  whereInSrc,
  type DemoServer,
} from "../src/demo/index.ts";

const clock = () => {
  const origin = performance.now();
  return () => performance.now() - origin;
};

describe("startDemoServer", () => {
  let server: DemoServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  test("answers a route after its delay, on 127.0.0.1 only, and records the request as a span", async () => {
    server = await startDemoServer({ "/users/1": { json: { id: 1 }, after: 30 } }, { now: clock() });
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(server.url("/users/1"));
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ id: 1 });
    await server.idle(1_000);
    const [record] = server.requests;
    expect(record).toMatchObject({ label: "GET /users/1", path: "/users/1", status: 200, outcome: "done" });
    expect(record!.end! - record!.start).toBeGreaterThanOrEqual(25);
    expect(record!.note).toMatch(/^200 at \d+ms$/);
  });

  test("serves a list of replies in turn, the last repeating, from the first again after clear()", async () => {
    server = await startDemoServer({ "/flaky": [{ status: 503 }, { text: "ok" }] }, { now: clock() });
    const statuses = async () => {
      const list: number[] = [];
      for (let i = 0; i < 3; i++) list.push((await fetch(server!.url("/flaky"))).status);
      return list;
    };
    expect(await statuses()).toEqual([503, 200, 200]);
    await server.idle(1_000);
    expect(server.requests.map((r) => r.outcome)).toEqual(["failed", "done", "done"]);
    server.clear();
    expect(server.requests).toEqual([]);
    expect(await statuses()).toEqual([503, 200, 200]);
  });

  test("sees a client's abort as an aborted request, and a networkError as fetch failing", async () => {
    const events: string[] = [];
    const controller = new AbortController();
    server = await startDemoServer(
      { "/hang": { never: true }, "/down": { networkError: true } },
      {
        now: clock(),
        onEvent: (event) => {
          events.push(`${event.kind} ${event.request.path}`);
          // Abort once the server holds the request: a timer could fire before it arrives on a busy machine.
          if (event.kind === "arrived" && event.request.path === "/hang") controller.abort();
        },
      },
    );
    const hanging = fetch(server.url("/hang"), { signal: controller.signal });
    await expect(hanging).rejects.toMatchObject({ name: "AbortError" });
    await expect(fetch(server.url("/down"))).rejects.toMatchObject({ name: "TypeError", message: "fetch failed" });
    expect(await server.idle(1_000)).toBe(true);
    expect(server.requests.map((r) => [r.path, r.outcome])).toEqual([
      ["/hang", "aborted"],
      ["/down", "failed"],
    ]);
    expect(server.requests[1]!.note).toMatch(/^network error at \d+ms$/);
    expect(events).toEqual(["arrived /hang", "aborted /hang", "arrived /down", "failed /down"]);
  });

  test("answers 404 for a path it has no route for, and serves routes added to the object later", async () => {
    const routes = {};
    server = await startDemoServer(routes, { now: clock() });
    expect((await fetch(server.url("/nowhere"))).status).toBe(404);
    Object.assign(routes, { "/later": { text: "here now" } });
    expect(await (await fetch(server.url("/later"))).text()).toBe("here now");
  });

  test("idle() says false while a request is still in flight", async () => {
    const arrived = Promise.withResolvers<void>();
    server = await startDemoServer({ "/hang": { never: true } }, { now: clock(), onEvent: (event) => event.kind === "arrived" && arrived.resolve() });
    const controller = new AbortController();
    const hanging = fetch(server.url("/hang"), { signal: controller.signal }).catch(() => {});
    // Once the server holds it (a fixed wait could end before it arrives on a busy machine).
    await arrived.promise;
    expect(await server.idle(30)).toBe(false);
    controller.abort();
    await hanging;
    expect(await server.idle(1_000)).toBe(true);
  });
});

describe("what a demo says about an error", () => {
  test("a stub's TODO is 'not written yet', also inside another error's message (a worker's)", () => {
    expect(notWrittenYet(new Error("TODO: implement fetchJson in src/fetch-json.ts"))).toEqual({ what: "fetchJson", file: "src/fetch-json.ts" });
    expect(notWrittenYet(new Error("TODO: implement the AsyncQueue constructor in src/async-queue.ts"))).toEqual({
      what: "the AsyncQueue constructor",
      file: "src/async-queue.ts",
    });
    expect(notWrittenYet(new Error("a worker failed: TODO: implement the worker side in src/pool-worker.ts"))).toEqual({
      what: "the worker side",
      file: "src/pool-worker.ts",
    });
    expect(notWrittenYet(new Error("HTTP 500 from /x"))).toBeUndefined();
    expect(notWrittenYet("TODO")).toBeUndefined();
  });

  test("a crash names the student's line; a refusal or a network error is its name and message", () => {
    const crash = new TypeError("urls.map is not a function");
    crash.stack = [
      "TypeError: urls.map is not a function",
      "    at fetchConcurrent (file:///home/student/course/exercises/02-x/src/fetch-concurrent.ts:9:17)",
      "    at file:///home/student/course/exercises/02-x/demo.ts:20:5",
    ].join("\n");
    expect(whereInSrc(crash)).toBe("src/fetch-concurrent.ts:9:17");
    expect(describeError(crash)).toBe("TypeError: urls.map is not a function\n      thrown at src/fetch-concurrent.ts:9:17");
    const refusal = Object.assign(new Error("HTTP 500 from /x"), { name: "HttpError" });
    expect(describeError(refusal)).toBe("HttpError: HTTP 500 from /x");
    const network = new TypeError("fetch failed", { cause: new Error("other side closed") });
    expect(describeError(network)).toBe("TypeError: fetch failed (other side closed)");
    expect(describeError("nope")).toBe('"nope" (not an Error)');
  });

  test("code that cannot be loaded is named by its file and line, with what Node said, and no loader stack", () => {
    const loadError = (code: string, message: string, first: string) =>
      Object.assign(new SyntaxError(message), {
        code,
        stack: `${first}\nenum Kind { A }\n^^^^\n\nSyntaxError [${code}]: ${message}\n    at parseTypeScript (node:internal/modules/typescript:68:40)`,
      });
    expect(
      loadFailure(
        loadError(
          "ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX",
          "TypeScript enum is not supported in strip-only mode",
          "/home/s/course/exercises/02-x/src/fetch-json.ts:1",
        ),
      ),
    ).toBe(
      "Your code could not be loaded: src/fetch-json.ts:1 uses TypeScript that Node cannot run by stripping the types (TypeScript enum is not supported in strip-only mode).\n" +
        "The demo runs your code with Node itself, which takes only erasable TypeScript: a union of strings instead of an enum, plain fields instead of parameter properties.",
    );
    expect(
      loadFailure(loadError("ERR_INVALID_TYPESCRIPT_SYNTAX", "Expected ',', got '}'", "/home/s/course/exercises/02-x/src/fetch-json.ts:3")),
    ).toBe("Your code could not be loaded: a syntax error at src/fetch-json.ts:3: Expected ',', got '}'");
    const missing = Object.assign(
      new Error("Cannot find module '/c/exercises/02-x/src/nothing.ts' imported from /c/exercises/02-x/src/fetch-json.ts"),
      {
        code: "ERR_MODULE_NOT_FOUND",
      },
    );
    expect(loadFailure(missing)).toBe("Your code could not be loaded: src/fetch-json.ts imports src/nothing.ts, which does not exist.");
    expect(loadFailure(new TypeError("x is not a function"))).toBeUndefined();
  });
});

describe("runDemo", () => {
  const run = async (body: Parameters<typeof runDemo>[1], deadlineMs?: number) => {
    const lines: string[] = [];
    const code = await runDemo({ title: "99 · A demo", deadlineMs, write: (text) => lines.push(text) }, body);
    return { code, lines, text: lines.join("\n") };
  };

  test("tells each part as it goes, stamps the times, draws the server's requests under the part, and sums up", async () => {
    const { code, lines, text } = await run(async (demo) => {
      const server = await demo.server({ "/a": { json: "A", after: 20 }, "/b": { status: 500, after: 10 } });
      await demo.part("two requests", async () => {
        await demo.settle("get(/a)", async () => (await fetch(server.url("/a"))).json());
        await demo.settle("get(/b)", async () => {
          const response = await fetch(server.url("/b"));
          throw new Error(`HTTP ${response.status}`);
        });
      });
    });
    expect(code).toBe(DEMO_OK);
    expect(lines[0]).toBe("99 · A demo · npm run demo");
    const story = lines.filter((line) => /^ {3}\[\d+\.\d\d s\]/.test(line)).map((line) => line.replace(/^ {3}\[\d+\.\d\d s\] /, ""));
    expect(story).toEqual([
      "server got GET /a",
      "server answered GET /a: 200",
      'get(/a) resolved: "A"',
      "server got GET /b",
      "server answered GET /b: 500",
      "get(/b) rejected with Error: HTTP 500",
    ]);
    expect(lines).toContain("1. two requests");
    expect(text).toContain("   What the server saw (real time, this run):");
    expect(lines.find((line) => line.startsWith("   GET /a "))).toMatch(/=*o +200 at \d+ms$/);
    expect(lines.find((line) => line.startsWith("   GET /b "))).toMatch(/!\s+500 at \d+ms$/);
    expect(lines).toContain("   = running  o done  ! failed  x aborted  > still running");
    expect(lines.at(-1)).toMatch(/^Finished in \d+\.\d\d s of real time\.$/);
  });

  test("a stub's TODO ends its part with one line, the next parts still run, and the summary names what is missing", async () => {
    const stub = async (): Promise<number> => {
      throw new Error("TODO: implement fetchJson in src/fetch-json.ts");
    };
    const { code, lines, text } = await run(async (demo) => {
      await demo.part("first", () => demo.settle("fetchJson", stub));
      const second = await demo.part("second", async () => "ran");
      demo.say(`second: ${second}`);
      await demo.part("third", async () => {
        // A constructor that throws at once, outside settle().
        throw new Error("TODO: implement the AsyncQueue constructor in src/async-queue.ts");
      });
    });
    expect(code).toBe(DEMO_OK);
    expect(lines).toContain("   fetchJson is not written yet: src/fetch-json.ts still throws its TODO.");
    expect(lines).toContain("second: ran");
    expect(lines).toContain("   the AsyncQueue constructor is not written yet: src/async-queue.ts still throws its TODO.");
    expect(lines.slice(-2)).toEqual([
      "Not written yet: fetchJson (src/fetch-json.ts), the AsyncQueue constructor (src/async-queue.ts).",
      'Write them (README.md, "Your task"), then run `npm run demo` again to watch your code run.',
    ]);
    expect(text).not.toMatch(/^\s+at /m);
  });

  test("stops waiting for a call that never settles at the part's deadline, says which, and goes on", async () => {
    const { code, lines } = await run(async (demo) => {
      await demo.part("hangs", () => demo.settle("never()", () => new Promise<never>(() => {})), { deadlineMs: 100 });
      await demo.part("after it", async () => demo.log("still here"));
    });
    expect(code).toBe(DEMO_OK);
    expect(lines.find((line) => line.includes("still waiting"))).toMatch(
      /^ {3}\[\d+\.\d\d s\] still waiting after 0\.1 s for never\(\): it has not settled\. The demo stops waiting and moves on\.$/,
    );
    expect(lines.some((line) => line.endsWith("still here"))).toBe(true);
  });

  test("draws task rows, rows timed elsewhere and the caller's aborts; a heartbeat counts its ticks and stops with the part", async () => {
    let ticks = -1;
    const { lines } = await run(async (demo) => {
      await demo.part("tasks", async () => {
        const rows = demo.tasks("jobs running");
        const heartbeat = demo.heartbeat(10);
        const end = rows.begin("job 1");
        await demo.wait(60);
        demo.markAbort();
        end("failed");
        rows.add("job 0", 0, 30);
        ticks = heartbeat.stop().ticks;
      });
    });
    expect(ticks).toBeGreaterThan(0);
    const chart = lines.slice(lines.indexOf("   What ran when (real time, this run):"));
    const rows = chart.slice(3, 7).map((line) => line.slice(0, 18).trim());
    expect(rows).toEqual(["job 0", "job 1", "caller aborts", "jobs running"]);
    expect(chart.find((line) => line.includes("job 0"))).toMatch(/o\s+done at 30ms$/);
    expect(chart.find((line) => line.includes("job 1"))).toMatch(/!\s+failed at \d+ms$/);
    expect(chart.find((line) => line.includes("caller aborts"))).toMatch(/\^\s+at \d+ms$/);
  });

  test("reports an unhandled rejection in a line instead of crashing", async () => {
    const { code, lines } = await run(async (demo) => {
      await demo.part("floats a promise", async () => {
        void Promise.reject(new Error("nobody listens"));
        await demo.wait(50);
      });
    });
    expect(code).toBe(DEMO_OK);
    expect(lines.some((line) => line.endsWith("unhandled rejection: Error: nobody listens (a promise rejected and nothing handled it)"))).toBe(true);
  });

  test("code that cannot be loaded ends the demo with what to fix, exit code 0", async () => {
    const { code, lines } = await run(async () => {
      throw Object.assign(new SyntaxError("Expected ',', got '}'"), {
        code: "ERR_INVALID_TYPESCRIPT_SYNTAX",
        stack:
          "/c/exercises/02-x/src/fetch-json.ts:3\n}\n^\n\nSyntaxError: Expected ',', got '}'\n    at parseTypeScript (node:internal/modules/typescript:72:36)",
      });
    });
    expect(code).toBe(DEMO_OK);
    expect(lines.slice(-3)).toEqual([
      "Your code could not be loaded: a syntax error at src/fetch-json.ts:3: Expected ',', got '}'",
      "",
      "Fix that, then run `npm run demo` again.",
    ]);
  });

  test("a failure of the demo itself (not in a src/ file, not a TODO) exits with DEMO_BROKEN", async () => {
    const { code, lines } = await run(async (demo) => {
      await demo.part("broken", async () => {
        throw new Error("the demo has a bug");
      });
    });
    expect(code).toBe(DEMO_BROKEN);
    expect(lines.some((line) => line.startsWith("   The demo itself failed (not your code): Error: the demo has a bug"))).toBe(true);
  });
});

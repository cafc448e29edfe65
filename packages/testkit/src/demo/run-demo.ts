// `npm run demo`: an exercise's demo runs the student's own code for real, on
// real timers, against a server on this machine, and prints what happened as
// it happens ("[0.40 s] worker 2: done") and then the timeline of it, drawn
// by the same chart as the tests' failures. Each exercise's demo.ts is only
// the story; this is the stage: parts, a clock, a server, task rows, the
// stub's TODO read as "not written yet", a deadline for code that never settles.
import type { Route } from "../http/reply.ts";
import type { Mark } from "../timeline/marks.ts";
import { renderTimeline } from "../timeline/render.ts";
import { nextSeq, type Span } from "../timeline/spans.ts";
import { describeError, loadFailure, notWrittenYet, whereInSrc, type NotWritten } from "./errors.ts";
import { startDemoServer, type DemoServer, type DemoServerEvent } from "./server.ts";

/** How a call went: its value or reason, and when it settled (ms since the part began). */
export type Outcome<T> = { ok: true; value: T; ms: number } | { ok: false; reason: unknown; ms: number };

/** Rows of work that is not a request (workers, jobs, handlers), drawn under the part. */
export interface TaskRecorder {
  readonly spans: readonly Span[];
  /** Opens a row now; call the returned function when that work ends. */
  begin(label: string): (outcome?: "done" | "failed", note?: string) => void;
  /** A row for work timed elsewhere (another thread): `start` and `end` in ms since the part began. */
  add(label: string, start: number, end: number, outcome?: "done" | "failed", note?: string): void;
}

/** A timer that should tick every `everyMs`: how often it could, tells whether the event loop was free. */
export interface Heartbeat {
  /** Stops it: how many times it ticked, and the longest time between two ticks (or start and stop). */
  stop(): { ticks: number; longestGapMs: number };
}

export interface ServerOptions {
  /** Which of the server's events to print as they happen (default "all"). */
  log?: "all" | "answers" | "none";
}

export interface PartOptions {
  /** Real ms after which the part stops waiting for the code (default: the demo's, 5 000). */
  deadlineMs?: number;
}

export interface SettleOptions<T> {
  /** How to print the value (default: short JSON). */
  show?: (value: T) => string;
  /** Print nothing when it settles (the demo prints its own line). */
  quiet?: boolean;
}

/** What a demo's story is told with. Times are real milliseconds since the current part began. */
export interface Demo {
  now(): number;
  /** ms since the part began, for a time taken in any thread as `performance.timeOrigin + performance.now()`. */
  fromEpoch(epochMs: number): number;
  /** A line stamped with the time: `   [0.40 s] text`. */
  log(text: string): void;
  /** A line without a time. */
  say(text: string): void;
  /** The local server, with these routes added to the ones it serves: started at the first call, closed when the demo ends. */
  server(routes: Record<string, Route>, options?: ServerOptions): Promise<DemoServer>;
  /**
   * One numbered part of the story. The clock starts again at 0 and the
   * server forgets earlier requests; at the end, the requests and task rows
   * of the part are drawn. A stub's TODO ends the part as "not written yet".
   * Resolves with what `body` returned, or undefined when it did not finish.
   */
  part<T>(title: string, body: () => Promise<T>, options?: PartOptions): Promise<T | undefined>;
  /** Runs the student's call and prints how it settled, with the time. A stub's TODO ends the part. */
  settle<T>(what: string, run: () => Promise<T> | T, options?: SettleOptions<T>): Promise<Outcome<T>>;
  /** Rows for work that is not a request, drawn at the end of the part; `countLabel` names the count row. */
  tasks(countLabel?: string): TaskRecorder;
  /** Starts a timer that should tick every `everyMs` ms; with `log`, each tick is printed, with how late it came. */
  heartbeat(everyMs: number, options?: { log?: boolean }): Heartbeat;
  /** Marks now as a moment the demo (the caller) called `abort()`: drawn as `^` on the timeline. */
  markAbort(): void;
  /** A signal the caller aborts with `reason` in `ms` real milliseconds, saying so and marking the moment. */
  abortAt(ms: number, reason: unknown): AbortSignal;
  /** Waits `ms` real milliseconds (the demo's own pretend work, not the student's code). */
  wait(ms: number): Promise<void>;
}

export interface RunDemoOptions {
  /** The heading, e.g. "02 · Concurrent requests". */
  title: string;
  /** Lines under the heading: what the demo shows. */
  intro?: readonly string[];
  /** Default deadline of each part, in real ms (5 000). */
  deadlineMs?: number;
  /** Where the lines go (default: standard output). */
  write?: (text: string) => void;
}

/** The exit codes: 0 whenever the demo could show what the code did, stub included; 1 when the demo itself failed. */
export const DEMO_OK = 0;
export const DEMO_BROKEN = 1;

/** 1234.5 → "1.23 s". */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** A value in one short line: JSON, cut at `max` characters. */
function preview(value: unknown, max = 90): string {
  let text: string;
  try {
    text =
      value === undefined
        ? "undefined"
        : typeof value === "bigint"
          ? `${value}n`
          : (JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v)) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

class NotWrittenYet extends Error {
  readonly stub: NotWritten;
  constructor(stub: NotWritten) {
    super(`${stub.what} is not written yet`);
    this.stub = stub;
  }
}

class PartDeadline extends Error {}

const INDENT = "   ";

/**
 * Runs a demo and resolves with its exit code (see DEMO_OK): the demo file
 * does `process.exitCode = await runDemo(…)`. Every part runs, whatever
 * happened in the others; a stub is reported as not written yet, in one line.
 */
export async function runDemo(options: RunDemoOptions, body: (demo: Demo) => Promise<void>): Promise<number> {
  const write = options.write ?? ((text: string) => void process.stdout.write(`${text}\n`));
  const deadlineMs = options.deadlineMs ?? 5_000;
  const started = performance.now();
  let origin = started;
  const now = () => performance.now() - origin;

  let inPart = false;
  let partNumber = 0;
  let server: DemoServer | undefined;
  const routes: Record<string, Route> = {};
  let warm = false;
  let serverLog: NonNullable<ServerOptions["log"]> = "all";
  let recorders: { countLabel: string; recorder: TaskRecorder }[] = [];
  let marks: Mark[] = [];
  let heartbeats: Heartbeat[] = [];
  const pending = new Set<string>();
  const notWritten: NotWritten[] = [];
  let broken = false;
  let unloadable = false;

  const say = (text: string) => {
    for (const line of text.split("\n")) write(inPart && line ? `${INDENT}${line}` : line);
  };
  const log = (text: string) => say(`[${seconds(now())}] ${text}`);

  const onServerEvent = (event: DemoServerEvent) => {
    if (serverLog === "none" || (serverLog === "answers" && event.kind === "arrived")) return;
    const { request } = event;
    if (event.kind === "arrived") log(`server got ${request.label}`);
    else if (event.kind === "answered") log(`server answered ${request.label}: ${request.status}`);
    else if (event.kind === "aborted") log(`server: the client gave up on ${request.label} (aborted)`);
    else log(`server cut the connection of ${request.label} (a network error)`);
  };

  // Code under test may reject with nobody listening, or throw from a
  // callback: that is worth showing, not a reason to crash the demo.
  const onUnhandled = (reason: unknown) => log(`unhandled rejection: ${describeError(reason)} (a promise rejected and nothing handled it)`);
  let reporting = false;
  const onUncaught = (error: unknown) => {
    // Never twice at once: if printing is what fails, there is no one to tell.
    if (reporting) return;
    reporting = true;
    try {
      log(`uncaught exception: ${describeError(error)}`);
    } finally {
      reporting = false;
    }
  };
  process.on("unhandledRejection", onUnhandled);
  process.on("uncaughtException", onUncaught);

  const drawPart = () => {
    const charts: string[] = [];
    const at = now();
    if (server && server.requests.length > 0) {
      charts.push(`What the server saw (real time, this run):\n${renderTimeline(server.requests, { now: at, marks, width: 50 })}`);
    }
    for (const { countLabel, recorder } of recorders) {
      if (recorder.spans.length === 0) continue;
      charts.push(
        `What ran when (real time, this run):\n${renderTimeline(recorder.spans, { now: at, countLabel, marks: server?.requests.length ? [] : marks })}`,
      );
    }
    for (const chart of charts) {
      write("");
      say(chart);
    }
  };

  const demo: Demo = {
    now,
    fromEpoch: (epochMs) => epochMs - performance.timeOrigin - origin,
    log,
    say,
    async server(more, serverOptions = {}) {
      Object.assign(routes, more);
      serverLog = serverOptions.log ?? "all";
      if (!server) {
        server = await startDemoServer(routes, { now, onEvent: (event) => warm && onServerEvent(event) });
        // Node loads its fetch at the first call, which takes a moment: not in the story.
        await fetch(server.url("/__warm-up__"))
          .then((response) => response.arrayBuffer())
          .catch(() => {});
        server.clear();
        warm = true;
      }
      return server;
    },
    async part<T>(title: string, run: () => Promise<T>, partOptions: PartOptions = {}): Promise<T | undefined> {
      partNumber += 1;
      write("");
      write(`${partNumber}. ${title}`);
      inPart = true;
      origin = performance.now();
      server?.clear();
      recorders = [];
      marks = [];
      heartbeats = [];
      pending.clear();
      const limit = partOptions.deadlineMs ?? deadlineMs;
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new PartDeadline()), limit);
      });
      try {
        const value = await Promise.race([run(), deadline]);
        drawPart();
        return value;
      } catch (error) {
        const stub = error instanceof NotWrittenYet ? error.stub : notWrittenYet(error);
        if (stub) {
          if (!notWritten.some((s) => s.what === stub.what)) notWritten.push(stub);
          say(`${stub.what} is not written yet: ${stub.file} still throws its TODO.`);
        } else if (error instanceof PartDeadline) {
          const waiting = [...pending];
          log(
            `still waiting after ${limit / 1000} s${waiting.length ? ` for ${waiting.join(", ")}` : ""}: ` +
              "it has not settled. The demo stops waiting and moves on.",
          );
          drawPart();
        } else if (loadFailure(error)) {
          say(loadFailure(error)!);
        } else if (whereInSrc(error)) {
          log(`your code threw ${describeError(error)}`);
          drawPart();
        } else {
          broken = true;
          say(`The demo itself failed (not your code): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        }
        return undefined;
      } finally {
        clearTimeout(timer);
        // A heartbeat the part did not stop (its code stopped it short) would tick on into the next.
        for (const heartbeat of heartbeats) heartbeat.stop();
        inPart = false;
      }
    },
    async settle<T>(what: string, run: () => Promise<T> | T, settleOptions: SettleOptions<T> = {}): Promise<Outcome<T>> {
      pending.add(what);
      let outcome: Outcome<T>;
      try {
        const value = await run();
        outcome = { ok: true, value, ms: now() };
      } catch (reason) {
        outcome = { ok: false, reason, ms: now() };
      } finally {
        pending.delete(what);
      }
      if (!outcome.ok) {
        const stub = notWrittenYet(outcome.reason);
        if (stub) throw new NotWrittenYet(stub);
      }
      if (!settleOptions.quiet) {
        if (outcome.ok && outcome.value === undefined && !settleOptions.show) log(`${what} resolved`);
        else if (outcome.ok) log(`${what} resolved: ${(settleOptions.show ?? preview)(outcome.value)}`);
        else log(`${what} rejected with ${describeError(outcome.reason)}`);
      }
      return outcome;
    },
    tasks(countLabel = "running") {
      const spans: Span[] = [];
      const recorder: TaskRecorder = {
        spans,
        add(label, start, end, outcome = "done", note) {
          spans.push({ label, start, startSeq: nextSeq(), end, endSeq: nextSeq(), outcome, note: note ?? `${outcome} at ${Math.round(end)}ms` });
          spans.sort((a, b) => a.start - b.start || a.startSeq - b.startSeq);
        },
        begin(label) {
          const span: Span = { label, start: now(), startSeq: nextSeq(), outcome: "running", note: "still running" };
          spans.push(span);
          return (outcome = "done", note) => {
            if (span.end !== undefined) return;
            span.end = now();
            span.endSeq = nextSeq();
            span.outcome = outcome;
            span.note = note ?? `${outcome === "done" ? "done" : "failed"} at ${Math.round(span.end)}ms`;
          };
        },
      };
      recorders.push({ countLabel, recorder });
      return recorder;
    },
    heartbeat(everyMs, heartbeatOptions = {}) {
      let last = now();
      let ticks = 0;
      let longestGapMs = 0;
      let timer = setTimeout(function tick() {
        const at = now();
        const late = at - last - everyMs;
        longestGapMs = Math.max(longestGapMs, at - last);
        last = at;
        ticks += 1;
        // A timer is never exactly on time; late by more than half its period is worth saying.
        if (heartbeatOptions.log) log(`tick${late > everyMs / 2 ? ` (${Math.round(late)} ms late)` : ""}`);
        timer = setTimeout(tick, everyMs);
      }, everyMs);
      let stopped: { ticks: number; longestGapMs: number } | undefined;
      const heartbeat: Heartbeat = {
        stop() {
          clearTimeout(timer);
          stopped ??= { ticks, longestGapMs: Math.max(longestGapMs, now() - last) };
          return stopped;
        },
      };
      heartbeats.push(heartbeat);
      return heartbeat;
    },
    markAbort() {
      marks.push({ at: Math.round(now()), seq: nextSeq(), by: "caller" });
    },
    abortAt(ms, reason) {
      const controller = new AbortController();
      setTimeout(() => {
        demo.log("the caller aborts");
        demo.markAbort();
        controller.abort(reason);
      }, ms);
      return controller.signal;
    },
    wait(ms) {
      return new Promise((resolve) => setTimeout(resolve, ms));
    },
  };

  write(`${options.title} · npm run demo`);
  write("Your own code from src/, run for real: real timers, nothing faked.");
  for (const line of options.intro ?? []) write(line);
  try {
    await body(demo);
  } catch (error) {
    const stub = error instanceof NotWrittenYet ? error.stub : notWrittenYet(error);
    if (stub) {
      // Outside any part: the code could not even be loaded or set up.
      if (!notWritten.some((s) => s.what === stub.what)) notWritten.push(stub);
      write(`${stub.what} is not written yet: ${stub.file} still throws its TODO.`);
    } else if (loadFailure(error)) {
      unloadable = true;
      write(loadFailure(error)!);
    } else {
      broken = true;
      write(`The demo could not run: ${describeError(error)}`);
      if (!whereInSrc(error) && error instanceof Error && error.stack) write(error.stack);
    }
  } finally {
    inPart = false;
    await server?.close();
    process.off("unhandledRejection", onUnhandled);
    process.off("uncaughtException", onUncaught);
  }

  write("");
  if (notWritten.length > 0) {
    const list = notWritten.map((s) => `${s.what} (${s.file})`).join(", ");
    write(`Not written yet: ${list}.`);
    write(`Write ${notWritten.length === 1 ? "it" : "them"} (README.md, "Your task"), then run \`npm run demo\` again to watch your code run.`);
  } else if (unloadable) {
    write("Fix that, then run `npm run demo` again.");
  } else if (!broken) {
    write(`Finished in ${seconds(performance.now() - started)} of real time.`);
  }
  return broken ? DEMO_BROKEN : DEMO_OK;
}

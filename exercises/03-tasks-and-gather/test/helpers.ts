import { nextSeq, recordSpans, type Ending, type Span, type VirtualClock } from "@course/testkit";

/** One line a worker logged, and when (virtual ms). */
export interface LogEntry {
  line: string;
  at: number;
  seq: number;
}

/** A `log` function to hand to the code under test, and what it received. */
export interface Logbook {
  log: (line: string) => void;
  readonly entries: LogEntry[];
  /** The lines with their virtual times, as `"Worker-1: done @3000ms"`, for readable comparisons. */
  timed(): string[];
  /**
   * One span per worker, from its `"<name>: start"` line to its `"<name>: done"`
   * line, for the kit's timeline matchers (`toHaveRunConcurrently()`…).
   */
  spans(): Span[];
}

export function logbook(clock: VirtualClock): Logbook {
  const entries: LogEntry[] = [];
  return {
    log: (line) => {
      entries.push({ line: String(line), at: clock.now(), seq: nextSeq() });
    },
    entries,
    timed: () => entries.map((e) => `${e.line} @${e.at}ms`),
    spans: () => {
      const spans = new Map<string, Span>();
      for (const { line, at, seq } of entries) {
        const match = /^(.*): (start|done)$/.exec(line);
        if (!match) continue;
        const [, name = "", what] = match;
        if (what === "start" && !spans.has(name)) {
          spans.set(name, { label: name, start: at, startSeq: seq, outcome: "running", note: "never logged done" });
        } else if (what === "done") {
          const span = spans.get(name);
          if (span && span.end === undefined) {
            Object.assign(span, { end: at, endSeq: seq, outcome: "done", note: `done at ${at}ms` });
          }
        }
      }
      return [...spans.values()];
    },
  };
}

/** Task functions for `gather`, each recording when it was called and when it settled. */
export interface TaskRecorder {
  /** One span per call of any task function made by `task()`. */
  readonly spans: Span[];
  /** A task function: when called, it settles after `ms` as `ending` says. */
  task<T>(label: string, ms: number, ending: Ending<T>): () => Promise<T>;
  /** How many times the task function labelled `label` was called. */
  calls(label: string): number;
  /** The timeline of the calls so far, for failure messages. */
  timeline(): string;
}

export function taskRecorder(): TaskRecorder {
  // Drawn under any failure of the test (and by timeline() below) with its own row label.
  const recorder = recordSpans({ title: "The tasks, on the virtual clock:", countLabel: "tasks running" });
  return {
    spans: recorder.spans,
    task: (label, ms, ending) => () => recorder.job(label, ms, ending),
    calls: (label) => recorder.spans.filter((s) => s.label === label).length,
    timeline: () => recorder.timeline() || "\n\n(No task function was called.)",
  };
}

/** A value for failure messages: errors by name and message, strings quoted. */
export function show(value: unknown): string {
  if (value instanceof Error) return `${value.constructor.name}(${JSON.stringify(value.message)})`;
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "object" && value !== null) return JSON.stringify(value) ?? String(value);
  return String(value);
}

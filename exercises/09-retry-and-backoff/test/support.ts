import { recordSpans, type Span } from "@course/testkit";

/** What one scripted attempt does: fail with `fail`, or resolve with `value`, after `after` virtual ms (default 0). */
export type Step<T> = { fail: unknown; after?: number } | { value: T; after?: number };

/** One call of a scripted `fn`, as `retry` made it. */
export interface Call {
  /** The attempt number `retry` passed (it should be 1, 2, 3, …). */
  attempt: unknown;
  /** The signal `retry` passed. */
  signal: unknown;
  /** When the call was made, in virtual ms. */
  at: number;
  /** What the call rejects with, if the script says it fails. */
  failure?: unknown;
}

export interface Scripted<T> {
  /** The function to hand to `retry`. */
  fn: (attempt: number, signal: AbortSignal) => Promise<T>;
  /** Every call so far, in order. */
  readonly calls: Call[];
  /** The virtual times of the calls so far. */
  times(): number[];
  /** The calls drawn on the virtual clock, for a failure message. */
  timeline(): string;
}

/**
 * An `fn` for `retry` whose n-th call does what `script(n)` says, and which
 * records every call. A call that takes time honours the signal it was given
 * (it rejects with `signal.reason` when that aborts) and leaves no timer or
 * listener of its own behind, so that whatever is left over is `retry`'s.
 */
export function scripted<T = never>(script: (n: number) => Step<T>): Scripted<T> {
  const recorder = recordSpans();
  const calls: Call[] = [];

  function fn(attempt: number, signal: AbortSignal): Promise<T> {
    const n = calls.length + 1;
    const step = script(n);
    calls.push({ attempt, signal, at: Date.now(), ...("fail" in step ? { failure: step.fail } : {}) });
    const end = recorder.begin(`call ${n} (attempt ${String(attempt)})`);
    const settle = (resolve: (value: T) => void, reject: (reason: unknown) => void) => {
      if ("fail" in step) {
        end("failed", `failed at ${Date.now()}ms`);
        reject(step.fail);
      } else {
        end("done", `succeeded at ${Date.now()}ms`);
        resolve(step.value);
      }
    };
    const after = step.after ?? 0;
    const promise = new Promise<T>((resolve, reject) => {
      if (after === 0) return settle(resolve, reject);
      const onAbort = () => {
        clearTimeout(timer);
        end("failed", `rejected at ${Date.now()}ms: its signal aborted`);
        reject(signal.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener?.("abort", onAbort);
        settle(resolve, reject);
      }, after);
      signal?.addEventListener?.("abort", onAbort, { once: true });
    });
    // Handled from the start: code that attaches its handler late fails a test that explains, not the run.
    promise.catch(() => {});
    return promise;
  }

  return {
    fn,
    calls,
    times: () => calls.map((call) => call.at),
    timeline: () => {
      // Drawn up to the last call (or now, while one still runs), not up to
      // the end of a long clock.advance() that only checked nothing followed.
      const drawing = { title: "Your calls of fn, on the virtual clock:", countLabel: false as const, now: lastEvent(recorder.spans) };
      return recorder.timeline(drawing) || "\n\n(fn was never called.)";
    },
  };
}

/** When the last of `spans` ended (now, if one is still running). */
function lastEvent(spans: readonly Span[]): number {
  return Math.max(0, ...spans.map((span) => span.end ?? Date.now()));
}

/** An `fn` that fails every time, with a fresh error naming its attempt ("failure 1", "failure 2", …). */
export function alwaysFails(after = 0): Scripted<never> {
  return scripted((n) => ({ fail: new Error(`failure ${n}`), after }));
}

/** A `random` for `retry` that returns `values` in turn and counts its calls. */
export function randomFrom(values: readonly number[]): { random: () => number; readonly calls: number } {
  let calls = 0;
  return {
    random: () => values[calls++ % values.length]!,
    get calls() {
      return calls;
    },
  };
}

/**
 * The attempt times side by side, one row per attempt, the first row that
 * differs marked:
 *
 *     attempt  expected  yours
 *           1       0ms    0ms
 *           2     100ms  100ms
 *           3     300ms  200ms  <- differs
 *           4     700ms      -
 */
export function scheduleTable(expected: readonly number[], yours: readonly number[]): string {
  const ms = (t: number | undefined) => (t === undefined ? "-" : `${t}ms`);
  const rows = [["attempt", "expected", "yours"]];
  for (let i = 0; i < Math.max(expected.length, yours.length); i++) {
    rows.push([String(i + 1), ms(expected[i]), ms(yours[i])]);
  }
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => row[c]!.length)));
  let marked = false;
  return rows
    .map((row, i) => {
      const line = row.map((cell, c) => (c === 0 && i === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
      if (i === 0 || marked || expected[i - 1] === yours[i - 1]) return line;
      marked = true;
      return `${line}  <- differs`;
    })
    .join("\n");
}

/**
 * Passes when the attempts were made at exactly `expected`; otherwise fails
 * with `why`, the two schedules side by side, and `details` (a timeline).
 */
export function expectSchedule(yours: readonly number[], expected: readonly number[], why: string, details = ""): void {
  if (yours.length === expected.length && yours.every((t, i) => t === expected[i])) return;
  throw new Error(`${why}\n\n${scheduleTable(expected, yours)}${details}`);
}

/** Start times of spans (the mocked server's requests, or recorded calls). */
export const startTimes = (spans: readonly Span[]): number[] => spans.map((span) => span.start);

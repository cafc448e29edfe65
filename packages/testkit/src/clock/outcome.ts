import { pointAt, whereInCode } from "../code-frames.ts";
import { whatHappened } from "../timeline/what-happened.ts";
import type { Settled } from "./virtual-clock.ts";

/** How a settled outcome reads in a failure message, in one line. */
export function describeOutcome(outcome: Settled<unknown>): string {
  switch (outcome.status) {
    case "fulfilled":
      return `it resolved at ${outcome.at}ms`;
    case "rejected":
      return `it rejected at ${outcome.at}ms with ${describeReason(outcome.reason)}`;
    case "pending":
      if (outcome.gaveUp) return `it had still not settled at ${outcome.at}ms, when the test stopped waiting ${outcome.gaveUp}`;
      return (
        `it had still not settled at ${outcome.at}ms, with nothing left to wait for: ` +
        `some promise is never resolved (a request nobody answers, a timer never set, a missing resolve())`
      );
  }
}

export function describeReason(reason: unknown): string {
  if (reason instanceof Error) return `${reason.name}: ${reason.message}`;
  if (typeof reason === "string") return JSON.stringify(reason);
  return String(reason);
}

/** The errors the engine throws when code goes wrong (as opposed to errors code throws on purpose). */
const CRASHES = [TypeError, ReferenceError, SyntaxError, RangeError];

/**
 * Where in the code under test a rejection was thrown, as lines to put under
 * a message ("" unless it is an error thrown there): a crash in the student's
 * code points at the student's code.
 *
 *     Thrown by your code:
 *         src/count.ts:7:19 in countItems
 *
 * Only for a crash (a TypeError, ReferenceError, SyntaxError or RangeError),
 * unless `anyError`: where the call was expected to resolve, any rejection is
 * a surprise worth locating.
 */
export function whereItThrew(outcome: Settled<unknown>, anyError = false): string {
  if (outcome.status !== "rejected") return "";
  const { reason } = outcome;
  return anyError || CRASHES.some((kind) => reason instanceof kind) ? whereInCode(reason) : "";
}

/** The message for an outcome of the wrong kind: what was expected, what happened, where it threw, and the timelines. */
function failure(expected: string, outcome: Settled<unknown>, caller: (...args: never[]) => unknown, anyError: boolean): Error {
  const error = new Error(`${expected}, but ${describeOutcome(outcome)}.${whereItThrew(outcome, anyError)}${whatHappened()}`);
  const located = whereItThrew(outcome, anyError) !== "";
  return pointAt(error, located && outcome.status === "rejected" ? outcome.reason : undefined, caller);
}

/**
 * The value an outcome resolved with; fails the test with a readable reason if
 * it did not resolve. `what` names the call in that message. When the call
 * rejected with an error thrown in the code under test, the failure points
 * there (its stack trimmed to the student's `src/` frames).
 */
export function valueOf<T>(outcome: Settled<T>, what = "the call"): T {
  if (outcome.status === "fulfilled") return outcome.value;
  throw failure(`Expected ${what} to resolve`, outcome, valueOf, true);
}

/** The reason an outcome rejected with; fails the test with a readable reason if it did not reject. */
export function reasonOf(outcome: Settled<unknown>, what = "the call"): unknown {
  if (outcome.status === "rejected") return outcome.reason;
  throw failure(`Expected ${what} to reject`, outcome, reasonOf, false);
}

/** When and how an outcome should have settled. */
export type ExpectedSettling = { resolvesAt: number } | { rejectsAt: number };

/**
 * Like `expect(outcome).toResolveAt(ms)` / `toRejectAt(ms)`, but the failure
 * reads in one piece: `why` that time is expected, what happened instead (and
 * where the code under test threw, for a surprise rejection or a crash), then
 * `details`: what the test drew itself (a table, a timeline of its own).
 */
export function expectSettledAt(outcome: Settled<unknown>, expected: ExpectedSettling, why: string, details = ""): void {
  const [status, verb, at] =
    "resolvesAt" in expected ? (["fulfilled", "resolve", expected.resolvesAt] as const) : (["rejected", "reject", expected.rejectsAt] as const);
  if (outcome.status === status && outcome.at === at) return;
  const anyError = status === "fulfilled";
  const error = new Error(
    `${why}\nExpected the call to ${verb} at ${at}ms, but ${describeOutcome(outcome)}.${whereItThrew(outcome, anyError)}${details}`,
  );
  // The failure points at the test's line (or at the student's, for an error thrown there), not at this helper.
  const located = whereItThrew(outcome, anyError) !== "";
  throw pointAt(error, located && outcome.status === "rejected" ? outcome.reason : undefined, expectSettledAt);
}

import { whatHappened } from "../http/mock-api.ts";
import type { Settled } from "./virtual-clock.ts";

/** How a settled outcome reads in a failure message. */
export function describeOutcome(outcome: Settled<unknown>): string {
  switch (outcome.status) {
    case "fulfilled":
      return `it resolved at ${outcome.at}ms`;
    case "rejected":
      return `it rejected at ${outcome.at}ms with ${describeReason(outcome.reason)}`;
    case "pending":
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

/**
 * The value an outcome resolved with; fails the test with a readable reason if
 * it did not resolve. `what` names the call in that message.
 */
export function valueOf<T>(outcome: Settled<T>, what = "the call"): T {
  if (outcome.status === "fulfilled") return outcome.value;
  throw new Error(`Expected ${what} to resolve, but ${describeOutcome(outcome)}.${whatHappened()}`);
}

/** The reason an outcome rejected with; fails the test with a readable reason if it did not reject. */
export function reasonOf(outcome: Settled<unknown>, what = "the call"): unknown {
  if (outcome.status === "rejected") return outcome.reason;
  throw new Error(`Expected ${what} to reject, but ${describeOutcome(outcome)}.${whatHappened()}`);
}

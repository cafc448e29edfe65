import type { RequestRecord } from "@course/testkit";
import { expect } from "vitest";

/** What `withMessage` puts in place of a result's error message. */
export const A_MESSAGE = "<a message>";

/**
 * The result with its `error` (when it is a string) replaced by `A_MESSAGE`,
 * so that `toEqual` can compare everything else exactly while the message is
 * checked on its own (its wording is the student's).
 */
export function withMessage<T>(result: T): T {
  if (typeof result === "object" && result !== null && "error" in result && typeof result.error === "string") {
    return { ...result, error: A_MESSAGE };
  }
  return result;
}

/** The error message of a result, or "" when it has none (for `toMatch`). */
export function messageOf(result: unknown): string {
  if (typeof result === "object" && result !== null && "error" in result && typeof result.error === "string") return result.error;
  return "";
}

/** The fields of a result as a test expects them (`error` compared as `A_MESSAGE`). */
type ExpectedResult = Record<string, unknown> & { url: string; durationMs: number };

/**
 * Checks one URL's result field by field, so that a failure names what is
 * wrong: when only `durationMs` differs, it says so and shows when that URL's
 * own request ran, instead of "it should still be scraped".
 */
export function expectResult(result: unknown, expected: ExpectedResult, why: string, request?: RequestRecord): void {
  const path = new URL(expected.url).pathname;
  if (typeof result === "object" && result !== null && "durationMs" in result) {
    const { durationMs, ...rest } = withMessage(result) as Record<string, unknown>;
    const { durationMs: expectedMs, ...expectedRest } = expected;
    if (durationMs !== expectedMs && JSON.stringify(Object.entries(rest).sort()) === JSON.stringify(Object.entries(expectedRest).sort())) {
      const ran = request?.end === undefined ? "" : ` (its request ran from ${request.start}ms to ${request.end}ms)`;
      expect(
        durationMs,
        `${path}'s result is right but for durationMs: it should be ${expectedMs}, the time ${path}'s own request took${ran}; it is ${String(durationMs)}`,
      ).toBe(expectedMs);
      return;
    }
  }
  expect(withMessage(result), why).toEqual(expected);
}

import { vi } from "vitest";

// Captured once, when the kit loads (before any code under test): code that
// replaces `Date` or `Date.now` cannot change the times the kit records.
const mockedTime = vi.getMockedSystemTime.bind(vi);
const realNow = Date.now.bind(Date);

/** The current time: virtual while the virtual clock runs, real otherwise. */
export function now(): number {
  return mockedTime()?.getTime() ?? realNow();
}

declare module "vitest" {
  interface TaskMeta {
    /** Points the grader gives for this test (1 when absent). */
    points?: number;
  }
}

/**
 * Test options that declare how many points a test is worth, where the grader
 * reads them (the test's `meta`, known without running the test):
 *
 *     test("results come back in input order", points(2), async () => { … });
 */
export function points(value: number): { meta: { points: number } } {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`points must be a positive integer, got ${value}`);
  return { meta: { points: value } };
}

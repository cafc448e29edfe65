// Helpers for this exercise's tests.

/** Items listed more than once in `seen`, and items of `expected` missing from it, in words (empty when all is well). */
export function exactlyOnceProblems(seen: readonly string[], expected: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const item of seen) counts.set(item, (counts.get(item) ?? 0) + 1);
  const problems: string[] = [];
  const lost = expected.filter((item) => !counts.has(item));
  const twice = [...counts].filter(([, n]) => n > 1).map(([item, n]) => `${item} (${n} times)`);
  const unknown = [...counts.keys()].filter((item) => !expected.includes(item));
  if (lost.length > 0) problems.push(`never handled (lost): ${lost.join(", ")}`);
  if (twice.length > 0) problems.push(`handled more than once: ${twice.join(", ")}`);
  if (unknown.length > 0) problems.push(`handled but never produced: ${unknown.join(", ")}`);
  return problems;
}

// Right too: wait for every write, then report every failure at once.
import { writeFile } from "node:fs/promises";
import path from "node:path";

export async function saveAll(files: Record<string, string>, dir: string): Promise<void> {
  const names = Object.keys(files);
  const results = await Promise.allSettled(names.map((name) => writeFile(path.join(dir, name), files[name]!)));
  const failures = results.flatMap((result, i) => (result.status === "rejected" ? [`${names[i]}: ${String(result.reason)}`] : []));
  if (failures.length > 0) {
    throw new AggregateError(
      results.flatMap((r) => (r.status === "rejected" ? [r.reason] : [])),
      `could not save ${failures.join("; ")}`,
    );
  }
}

// Right too: one write after another. Slower than starting them together, but
// every write is awaited, so saveAll resolves after the last and rejects at the
// first failure (the files after it are not written).
import { writeFile } from "node:fs/promises";
import path from "node:path";

export async function saveAll(files: Record<string, string>, dir: string): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await writeFile(path.join(dir, name), text);
  }
}

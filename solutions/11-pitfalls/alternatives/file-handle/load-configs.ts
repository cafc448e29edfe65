// Right too: a FileHandle from open(), closed whatever happens.
import { open } from "node:fs/promises";

export async function loadConfigs(paths: string[]): Promise<unknown[]> {
  return Promise.all(paths.map(loadOne));
}

async function loadOne(file: string): Promise<unknown> {
  try {
    await using handle = await open(file, "r");
    return JSON.parse(await handle.readFile({ encoding: "utf8" }));
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

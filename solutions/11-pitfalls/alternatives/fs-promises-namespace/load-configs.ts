// Right too: fs.promises is the same promise API as node:fs/promises.
import fs from "node:fs";

export async function loadConfigs(paths: string[]): Promise<unknown[]> {
  const texts = await Promise.all(
    paths.map((file) =>
      fs.promises.readFile(file, "utf8").catch((error: unknown) => {
        throw new Error(`cannot read ${file}`, { cause: error });
      }),
    ),
  );
  return texts.map((text, i) => {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new Error(`${paths[i]} is not valid JSON`, { cause: error });
    }
  });
}

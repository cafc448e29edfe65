// Right too: the callback API, turned into promises by util.promisify.
import { readFile } from "node:fs";
import { promisify } from "node:util";

const readFileAsync = promisify(readFile);

export async function loadConfigs(paths: string[]): Promise<unknown[]> {
  return Promise.all(
    paths.map(async (file) => {
      try {
        return JSON.parse(await readFileAsync(file, "utf8")) as unknown;
      } catch (error) {
        throw new Error(`failed to load ${file}`, { cause: error });
      }
    }),
  );
}

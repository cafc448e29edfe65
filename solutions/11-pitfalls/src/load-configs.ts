import { readFile } from "node:fs/promises";

export async function loadConfigs(paths: string[]): Promise<unknown[]> {
  // Calling loadOne() starts its read at once, so mapping over the paths puts
  // every read in flight before we wait for any; Promise.all keeps the order
  // of `paths` whatever order the disk answers in.
  return Promise.all(paths.map(loadOne));
}

async function loadOne(file: string): Promise<unknown> {
  try {
    // Stryker disable next-line StringLiteral: without an encoding readFile gives a Buffer, and JSON.parse reads it through its toString(), which is UTF-8 too
    return JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    // "Unexpected token } in JSON" alone does not say which of twenty files is
    // broken: name the file, and keep the original error as the cause.
    const why = error instanceof Error ? error.message : String(error);
    // Stryker disable next-line ObjectLiteral: the cause is for the reader, like the wording; the contract asks only that the message name the file
    throw new Error(`cannot load config ${file}: ${why}`, { cause: error });
  }
}

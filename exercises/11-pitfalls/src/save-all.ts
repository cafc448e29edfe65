/**
 * Writes each `files[name]` (UTF-8 text) to the file `name` inside the folder
 * `dir`, which exists already.
 *
 * Resolves only once every file has been written. If any write fails, the call
 * rejects, and no promise is left rejecting with nobody to handle it.
 */
export async function saveAll(files: Record<string, string>, dir: string): Promise<void> {
  // TODO: start the writes, keep their promises, and await them all.
  throw new Error("TODO: implement saveAll in src/save-all.ts");
}

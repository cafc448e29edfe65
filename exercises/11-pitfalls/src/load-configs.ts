/**
 * Reads the JSON files at `paths` and resolves with their parsed contents, in
 * the order of `paths`.
 *
 * The files are read at the same time, with an asynchronous fs API
 * (`node:fs/promises`, `fs.promises` or a `FileHandle`), never a synchronous
 * one: the event loop keeps running while the disk works. A file that cannot
 * be loaded (missing, or not valid JSON) rejects the call with an error whose
 * message names that file's path. A `FileHandle` it opens is closed again,
 * whatever happens.
 */
export async function loadConfigs(paths: string[]): Promise<unknown[]> {
  // TODO: start every read before awaiting any, with node:fs/promises; name the path in errors.
  throw new Error("TODO: implement loadConfigs in src/load-configs.ts");
}

/**
 * A mistake in how `npm run export` was called (a bad flag, a non-empty
 * folder): the command prints its one-line message and exits with 2.
 */
export class ExportUsageError extends Error {
  override name = "ExportUsageError";
}

/** A mistake in how the grader was called: reported in one line, exit code 2, no stack trace. */
export class UsageError extends Error {
  override name = "UsageError";
}

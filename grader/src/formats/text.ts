import type { AlteredFile } from "../grade/submission.ts";

export { cut } from "../cut.ts";

/** The first non-empty line of a (possibly multi-line) message. */
export function firstLine(text: string | undefined): string {
  return (
    text
      ?.split("\n")
      .find((line) => line.trim() !== "")
      ?.trim() ?? ""
  );
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

// Control characters (C0, DEL, C1) and Unicode's line and paragraph separators.
// eslint-disable-next-line no-control-regex -- they are exactly what is replaced
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;

/**
 * One line with no control characters (each becomes a space): safe to print
 * in a terminal (no escape sequences) or a log read line by line (no line breaks).
 */
export const oneLine = (text: string) => text.replace(CONTROL, " ");

/** Where an exercise's test file lives, from the course root (for reports that link to it). */
export const testPath = (exercise: string, file: string) => `exercises/${exercise}/${file}`;

/** At most this many altered files are listed per exercise by the formats a person reads. */
export const ALTERED_SHOWN = 20;

/** "test/a.test.ts was changed in the submission", "src/x.ts was ignored (a symbolic link…)". */
export function describeAltered(altered: AlteredFile, file = altered.file): string {
  return altered.change === "ignored" ? `${file} was ignored (${altered.reason ?? "not used"})` : `${file} was ${altered.change} in the submission`;
}

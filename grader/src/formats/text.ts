/** The first non-empty line of a (possibly multi-line) message. */
export function firstLine(text: string | undefined): string {
  return text?.split("\n").find((line) => line.trim() !== "")?.trim() ?? "";
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Where an exercise's test file lives, from the course root (for reports that link to it). */
export const testPath = (exercise: string, file: string) => `exercises/${exercise}/${file}`;

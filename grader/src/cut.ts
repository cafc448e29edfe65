// How long a message from a submission may be. Code under test decides what
// its errors say: a failure message can be megabytes long, and every report
// that carries one must stay readable and bounded whatever it is.

/** Ends a message that was cut short, so that a reader sees there was more. */
export const CUT_MARK = "… (cut)";

/**
 * The longest message a report keeps (`--format json` and `junit` show it
 * whole): far more than any honest failure needs (an assertion with its diff
 * is a few hundred characters), little enough that a report of every test of
 * the course failing stays a few megabytes. The formats read by something with
 * a size limit cut further (see formats/).
 */
export const MESSAGE_LIMIT = 10_000;

/** `text`, or its first `max - CUT_MARK.length` characters and CUT_MARK when longer than `max` ("" for a `max` too small for the mark). */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < CUT_MARK.length + 1) return "";
  let end = max - CUT_MARK.length;
  // Never split a surrogate pair: half a character is not valid UTF-8.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}${CUT_MARK}`;
}

// CSV as RFC 4180 writes it and spreadsheets, Canvas and Moodle read it:
// comma-separated, a header row, fields quoted when they hold a comma, a quote
// or a line break (quotes doubled), CRLF between rows, UTF-8.

/**
 * One field. A text a spreadsheet would run as a formula (starting with =, +,
 * -, @, a tab or a carriage return: a student's folder name is theirs to
 * choose) is prefixed with ' so it stays text; numbers are written as they are.
 */
export function csvField(value: string | number): string {
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvRows = (rows: readonly (readonly (string | number)[])[]) => rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";

/** Parses CSV text into rows of fields (quotes, doubled quotes, line breaks inside quotes; a BOM is dropped). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const input = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && input[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f !== ""));
}

/** Rows as records by the header row's names. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name.trim(), (row[i] ?? "").trim()])));
}

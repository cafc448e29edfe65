import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gradesCsv } from "./grades-csv.ts";
import { reportHtml } from "./report-html.ts";
import type { ClassReport } from "./types.ts";

/** Writes grades.csv, class.json and report.html into `outDir`; returns their paths. */
export function writeClassOutputs(report: ClassReport, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const files = {
    "grades.csv": gradesCsv(report),
    "class.json": `${JSON.stringify(report, null, 1)}\n`,
    "report.html": reportHtml(report),
  };
  return Object.entries(files).map(([name, text]) => {
    const file = path.join(outDir, name);
    writeFileSync(file, text);
    return file;
  });
}

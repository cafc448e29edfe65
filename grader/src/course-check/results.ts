// Each test's result of a course check, as JSON files in one folder, so that
// `npm run soak` can run the check many times and compare. The course check
// writes one file per exercise; the kit's and the grader's own tests write
// vitest's JSON report there (see their vitest.config.ts).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ExerciseReport } from "../score.ts";

/** Where results go (unset: nowhere). */
export const RESULTS_ENV = "COURSE_CHECK_RESULTS";

export function saveResults(id: string, reports: Map<string, ExerciseReport>): void {
  const dir = process.env[RESULTS_ENV];
  if (!dir) return;
  const results: Record<string, string> = {};
  for (const [chain, report] of reports) {
    for (const test of report.tests) results[`${id} ${chain} > ${test.file} > ${test.name}`] = test.status;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `course-check-${id}.json`), JSON.stringify(results, null, 1));
}

interface VitestJson {
  testResults: { name: string; assertionResults: { fullName: string; status: string }[] }[];
}

/** Every test's result found in a results folder: "what > test" → pass | fail | … */
export function readResults(dir: string): Map<string, string> {
  const results = new Map<string, string>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".json"))) {
    const data = JSON.parse(readFileSync(path.join(dir, name), "utf8")) as Record<string, string> | VitestJson;
    if ("testResults" in data && Array.isArray(data.testResults)) {
      const pkg = name.replace(/\.json$/, "");
      for (const file of data.testResults) {
        for (const test of file.assertionResults) {
          results.set(`${pkg} > ${path.basename(file.name)} > ${test.fullName}`, test.status === "passed" ? "pass" : test.status);
        }
      }
    } else {
      for (const [key, status] of Object.entries(data)) results.set(key, status as string);
    }
  }
  return results;
}

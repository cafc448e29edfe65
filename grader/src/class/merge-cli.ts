// npm run class:merge -- --out DIR shard1/class.json shard2/class.json …
import path from "node:path";
import { parseArgs } from "node:util";
import { UsageError } from "../grade/usage-error.ts";
import { mergeClassReports, missingShards, readClassReport } from "./merge.ts";
import { writeClassOutputs } from "./outputs.ts";

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { out: { type: "string", default: "class-report" }, help: { type: "boolean", default: false } },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    process.stdout.write(
      "Usage: npm run class:merge -- [--out DIR] SHARD/class.json…\n\nJoins the class.json of each shard (npm run class -- --shard i/n) and writes grades.csv, class.json and report.html for the whole class.\n",
    );
    if (!values.help) process.exitCode = 2;
    return;
  }
  const merged = mergeClassReports(positionals.map((file) => ({ file, report: readClassReport(file) })));
  const missing = missingShards(merged);
  if (missing.length > 0)
    process.stderr.write(
      `class:merge: warning: shard${missing.length === 1 ? "" : "s"} ${missing.join(", ")} missing: their students are not in the report\n`,
    );
  const files = writeClassOutputs(merged, path.resolve(values.out));
  process.stdout.write(
    `class:merge: ${merged.students.length} students from ${positionals.length} shard reports; wrote ${files.map((f) => path.relative(process.cwd(), f)).join(", ")}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`class:merge: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});

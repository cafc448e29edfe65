// course-check [ID…]: the course's own check (the root `npm test` runs it for
// every exercise; name exercises to check only those). For each exercise the
// stub fails every test, the reference and the alternatives pass them all,
// every wrong way loses points, and everything typechecks against the tests.
// An exercise whose content did not change since it last passed is not run again.
import { parseArgs } from "node:util";

function report(id: string, findings: { ok: boolean; subject: string; detail: string }[], note = ""): boolean {
  const width = Math.max(...findings.map((f) => f.subject.length));
  console.log(`${id}${note}`);
  for (const f of findings) console.log(`  ${f.ok ? "ok  " : "FAIL"}  ${f.subject.padEnd(width)}  ${f.detail}`);
  return findings.every((f) => f.ok);
}

const USAGE = `usage: course-check [--force] [ID…]
  Checks each exercise named (all of them when none is): the stub fails every
  test, the reference and the alternatives pass them all, every wrong way loses
  points, everything typechecks. --force checks again an exercise that passed
  and has not changed since.`;

/** The exit code: 0 all passed, 1 a check failed, 2 the command was wrong. */
async function main(argv: string[]): Promise<0 | 1 | 2> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { types: { type: "boolean" }, force: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    console.error(`course-check: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.types) {
    await import("./types-cli.ts");
    return 0;
  }
  const { listExercises } = await import("../exercises.ts");
  const known = listExercises();
  const unknown = positionals.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    console.error(`course-check: no such exercise: ${unknown.join(", ")} (the exercises are ${known.join(", ")})`);
    return 2;
  }
  const ids = positionals.length > 0 ? positionals : known;
  const { cachedPass, rememberPass } = await import("./cache.ts");
  const { mistakeSignatures } = await import("../grade/known-mistakes.ts");
  const { saveResults, RESULTS_ENV } = await import("./results.ts");
  const { checkExercises } = await import("./checks.ts");
  const { takeLock } = await import("./lock.ts");
  const { shapeFindings } = await import("./shape/index.ts");
  const { courseRoot } = await import("../exercises.ts");
  const path = await import("node:path");
  const release = await takeLock(path.join(courseRoot, "node_modules", ".cache", "course-check.lock"), (m) => console.log(`course-check: ${m}`));
  // Results for `npm run soak` need every exercise run, cached or not.
  // An exercise passed before is checked again when the wrong ways' signatures it stores are missing.
  const cached =
    values.force || process.env[RESULTS_ENV]
      ? new Map()
      : new Map(
          ids.flatMap((id) => {
            const findings = cachedPass(id);
            return findings && mistakeSignatures(id) ? [[id, findings] as const] : [];
          }),
        );
  const checks = await checkExercises(ids.filter((id) => !cached.has(id)));
  let ok = true;
  for (const id of ids) {
    // The folder shape (shape/index.ts) is only read, so it is checked every time, unchanged exercises too;
    // an exercise whose shape is broken has not passed, so it is not remembered as passed.
    const shape = shapeFindings(id);
    const fresh = checks.find((c) => c.id === id);
    if (fresh) {
      ok = report(id, [...shape, ...fresh.findings]) && ok;
      if (shape.every((f) => f.ok)) rememberPass(id, fresh.findings);
      saveResults(id, fresh.reports);
    } else {
      ok = report(id, [...shape, ...cached.get(id)!], "  (unchanged since it last passed)") && ok;
    }
  }
  release();
  return ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`course-check: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 2;
  },
);

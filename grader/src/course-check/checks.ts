import path from "node:path";
import { exerciseDir, listVariants, solutionDir } from "../exercises.ts";
import { expectedTests } from "../grade/expected-tests.ts";
import { pool } from "../pool.ts";
import { runTests } from "../run/run-tests.ts";
import { scoreRun, type ExerciseReport } from "../score.ts";
import { typecheckChain } from "../typecheck.ts";

/** One line of the course check: what was checked, and whether it held. */
export interface Finding {
  ok: boolean;
  subject: string;
  detail: string;
}

const failedNames = (report: ExerciseReport) => report.tests.filter((t) => t.status === "fail").map((t) => t.name);

/** The stub as shipped: every test must fail (no free points), and none may crash. */
export async function checkStub(id: string): Promise<Finding[]> {
  const stub = await runTests({ exerciseDir: exerciseDir(id) });
  const report = scoreRun(id, stub.collected, stub);
  const names = stub.collected.map((t) => `${t.file} > ${t.name}`);
  const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
  const passing = report.tests.filter((t) => t.status === "pass").map((t) => t.name);
  const findings: Finding[] = [];
  if (stub.collected.length === 0) {
    findings.push({ ok: false, subject: "stub", detail: `no tests found (${report.message ?? "empty run"})` });
  } else if (report.status === "error") {
    findings.push({ ok: false, subject: "stub", detail: `the stub cannot be graded: ${report.message}` });
  } else if (passing.length > 0) {
    findings.push({ ok: false, subject: "stub", detail: `free points: these tests pass on the untouched stub: ${passing.join("; ")}` });
  } else {
    findings.push({ ok: true, subject: "stub", detail: `0/${report.maxScore}: all ${report.tests.length} tests fail` });
  }
  if (duplicates.length > 0) findings.push({ ok: false, subject: "stub", detail: `test names must be unique: ${duplicates.join("; ")}` });
  return findings;
}

/** The reference solution passes every test; every known-wrong variant loses points. */
export async function checkSolution(id: string): Promise<Finding[]> {
  const expected = await expectedTests(id);
  const own = path.join(solutionDir(id), "src");
  const findings: Finding[] = [];

  const reference = scoreRun(id, expected, await runTests({ exerciseDir: exerciseDir(id), srcDirs: [own] }));
  findings.push(
    reference.status === "pass"
      ? { ok: true, subject: "solution", detail: `${reference.score}/${reference.maxScore}` }
      : {
          ok: false,
          subject: "solution",
          detail: `${reference.score}/${reference.maxScore}: ${reference.message ?? `failing: ${failedNames(reference).join("; ")}`}`,
        },
  );

  const variants = listVariants(id);
  if (variants.length < 2) findings.push({ ok: false, subject: "wrong/", detail: `only ${variants.length} wrong variant(s); at least 2 are expected` });
  const reports = await pool(variants, 2, async (variant) =>
    scoreRun(id, expected, await runTests({ exerciseDir: exerciseDir(id), srcDirs: [path.join(solutionDir(id), "wrong", variant), own] })),
  );
  const alternatives = listVariants(id, "alternatives");
  const alternativeReports = await pool(alternatives, 2, async (name) =>
    scoreRun(id, expected, await runTests({ exerciseDir: exerciseDir(id), srcDirs: [path.join(solutionDir(id), "alternatives", name), own] })),
  );
  alternatives.forEach((name, i) => {
    const report = alternativeReports[i]!;
    findings.push(
      report.status === "pass"
        ? { ok: true, subject: `alternatives/${name}`, detail: `${report.score}/${report.maxScore}` }
        : {
            ok: false,
            subject: `alternatives/${name}`,
            detail: `${report.score}/${report.maxScore}: a right way loses points: ${report.message ?? failedNames(report).join("; ")}`,
          },
    );
  });

  variants.forEach((variant, i) => {
    const report = reports[i]!;
    const caughtBy = failedNames(report);
    findings.push(
      report.status === "pass"
        ? { ok: false, subject: `wrong/${variant}`, detail: `${report.score}/${report.maxScore}: no test catches this mistake` }
        : {
            ok: true,
            subject: `wrong/${variant}`,
            detail:
              report.status === "error"
                ? `error: ${report.message}`
                : `${report.score}/${report.maxScore}, caught by: ${caughtBy.join("; ")}`,
          },
    );
  });
  return findings;
}

/** The solution and every variant typecheck against the exercise's tests. */
export function checkTypes(id: string): Finding[] {
  const own = path.join(solutionDir(id), "src");
  const chains: [string, string[]][] = [
    ["solution", [own]],
    ...(["wrong", "alternatives"] as const).flatMap((kind) =>
      listVariants(id, kind).map((v): [string, string[]] => [`${kind}/${v}`, [path.join(solutionDir(id), kind, v), own]]),
    ),
  ];
  return chains.map(([subject, dirs]) => {
    const errors = typecheckChain(exerciseDir(id), dirs);
    return errors.length === 0
      ? { ok: true, subject, detail: "types check" }
      : { ok: false, subject, detail: `type errors:\n    ${errors.join("\n    ")}` };
  });
}

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { exerciseDir } from "../exercises.ts";
import { rememberExpectedTests } from "../grade/expected-tests.ts";
import { rememberMistakeSignatures, signaturesOf } from "../grade/known-mistakes.ts";
import { wrongWayFile } from "../wrong-ways/materialize.ts";
import { oneLineWhy, readWrongWay } from "../wrong-ways/wrong-way.ts";
import type { RunResult } from "../run/run-tests.ts";
import type { TypecheckTarget } from "../typecheck.ts";
import { scoreRun, type ExerciseReport } from "../score.ts";
import { chainsOf, type BrokenChain, type Chain } from "./chains.ts";
import { layOutChains, type LaidOutChain } from "./layout.ts";
import { runChains } from "./run-chains.ts";

/** One line of the course check: what was checked, and whether it held. */
export interface Finding {
  ok: boolean;
  subject: string;
  detail: string;
}

/** What the check of one exercise found, and each chain's report (for `npm run soak`). */
export interface ExerciseCheck {
  id: string;
  findings: Finding[];
  reports: Map<string, ExerciseReport>;
}

/** Fewer wrong ways than this, and the tests are not shown to tell right from wrong. */
const MIN_WRONG_WAYS = 2;

const failedNames = (report: ExerciseReport) => report.tests.filter((t) => t.status === "fail").map((t) => t.name);
const score = (report: ExerciseReport) => `${report.score}/${report.maxScore}`;

/** The stub as shipped: every test must fail (no free points), and none may crash. */
function judgeStub(report: ExerciseReport, collected: number, duplicates: string[]): Finding[] {
  const passing = report.tests.filter((t) => t.status === "pass").map((t) => t.name);
  const findings: Finding[] = [
    collected === 0
      ? { ok: false, subject: "stub", detail: `no tests found (${report.message ?? "empty run"})` }
      : report.status === "error"
        ? { ok: false, subject: "stub", detail: `the stub cannot be graded: ${report.message}` }
        : passing.length > 0
          ? { ok: false, subject: "stub", detail: `free points: these tests pass on the untouched stub: ${passing.join("; ")}` }
          : { ok: true, subject: "stub", detail: `0/${report.maxScore}: all ${report.tests.length} tests fail` },
  ];
  if (duplicates.length > 0) findings.push({ ok: false, subject: "stub", detail: `test names must be unique: ${duplicates.join("; ")}` });
  return findings;
}

/** A right way (the reference, an alternative) scores full marks; a wrong way loses points. */
function judge(chain: Chain, report: ExerciseReport): Finding {
  const subject = chain.name;
  if (chain.kind === "wrong") {
    if (report.status === "pass") return { ok: false, subject, detail: `${score(report)}: no test catches this mistake` };
    return {
      ok: true,
      subject,
      detail: report.status === "error" ? `error: ${report.message}` : `${score(report)}, caught by: ${failedNames(report).join("; ")}`,
    };
  }
  if (report.status === "pass") return { ok: true, subject, detail: score(report) };
  const why = report.message ?? `failing: ${failedNames(report).join("; ")}`;
  return { ok: false, subject, detail: `${score(report)}: ${chain.kind === "alternative" ? `a right way loses points: ${why}` : why}` };
}

function judgeExercise(
  id: string,
  chains: LaidOutChain[],
  broken: BrokenChain[],
  runs: Map<string, RunResult>,
  types: Map<string, string[]>,
): ExerciseCheck {
  const stub = chains.find((c) => c.kind === "stub")!;
  const stubRun = runs.get(stub.folder)!;
  const expected = stubRun.collected;
  const names = expected.map((t) => `${t.file} > ${t.name}`);
  const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
  const stubReport = scoreRun(id, expected, stubRun);
  if (expected.length > 0 && stubRun.moduleErrors.length === 0) rememberExpectedTests(id, expected);

  const findings: Finding[] = judgeStub(stubReport, expected.length, duplicates);
  const reports = new Map([["stub", stubReport]]);
  for (const chain of chains.filter((c) => c.kind !== "stub")) {
    const report = scoreRun(id, expected, runs.get(chain.folder)!);
    reports.set(chain.name, report);
    findings.push(judge(chain, report));
  }
  for (const { name, error } of broken) findings.push({ ok: false, subject: name, detail: error });
  const wrongWays = chains.filter((c) => c.kind === "wrong").length + broken.length;
  if (wrongWays < MIN_WRONG_WAYS)
    findings.push({ ok: false, subject: "wrong/", detail: `only ${wrongWays} wrong way(s); at least ${MIN_WRONG_WAYS} are expected` });

  const typeErrors = chains.map((c) => [c.name, types.get(c.folder) ?? ["was not typechecked"]] as const).filter(([, errors]) => errors.length > 0);
  findings.push(
    typeErrors.length === 0
      ? { ok: true, subject: "types", detail: `the reference typechecks with the tests, and every other chain where it differs from it` }
      : { ok: false, subject: "types", detail: typeErrors.map(([name, errors]) => `${name}:\n    ${errors.join("\n    ")}`).join("\n  ") },
  );
  findings.push(
    nameMistakes(
      id,
      chains,
      reports,
      expected.length,
      findings.every((f) => f.ok),
    ),
  );
  return { id, findings, reports };
}

/**
 * The wrong ways' failure signatures (grade/known-mistakes.ts): stored when
 * the whole check holds, so that grading can name a student's mistake. The
 * finding says which wrong ways cannot be named, and why.
 */
function nameMistakes(id: string, chains: LaidOutChain[], reports: Map<string, ExerciseReport>, testCount: number, store: boolean): Finding {
  const wrongWays = chains
    .filter((c) => c.kind === "wrong")
    .map((c) => {
      const name = c.name.slice("wrong/".length);
      const report = reports.get(c.name)!;
      return { name, explanation: oneLineWhy(readWrongWay(wrongWayFile(id, name)).why), status: report.status, failed: failedNames(report) };
    });
  const { signatures, unnamed } = signaturesOf(wrongWays, testCount);
  if (store) rememberMistakeSignatures(id, signatures);
  const named = wrongWays.length - unnamed.length;
  const notNamed = unnamed.map((u) => `wrong/${u.name} (${u.why})`).join("; ");
  return {
    ok: true,
    subject: "names",
    detail: `${named} of ${wrongWays.length} wrong ways named to a student who fails exactly their tests${notNamed ? `; not named: ${notNamed}` : ""}`,
  };
}

const courseCheckBin = fileURLToPath(new URL("../../bin/course-check.js", import.meta.url));

/**
 * Typechecks the folders in a child process (course-check --types), so that
 * TypeScript's work, which blocks its thread, runs beside the tests instead of
 * stalling vitest's main thread.
 */
function typecheckBeside(groups: { tsconfig: string; targets: TypecheckTarget[] }[]): Promise<Map<string, string[]>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [courseCheckBin, "--types"], { stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      try {
        if (code !== 0) throw new Error(`the typecheck exited with ${code}`);
        resolve(new Map(Object.entries(JSON.parse(out) as Record<string, string[]>)));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    child.stdin.end(JSON.stringify(groups));
  });
}

/**
 * The course check of the exercises named: for each, the untouched stub fails
 * every test, the reference and every alternative pass every test, every wrong
 * way loses points (and says which tests caught it), and all of them typecheck
 * against the exercise's tests. Every chain of every exercise runs in one
 * vitest, and typechecks in one program beside it.
 */
export async function checkExercises(ids: readonly string[]): Promise<ExerciseCheck[]> {
  if (ids.length === 0) return [];
  const planned = ids.map((id) => {
    const { chains, broken } = chainsOf(id);
    return { id, chains: layOutChains(id, chains), broken };
  });
  const all = planned.flatMap((p) => p.chains);
  // The reference is checked whole; every other chain (the stub too) where it differs from the reference.
  const targets = planned.flatMap(({ chains }) => {
    const reference = chains.find((c) => c.kind === "solution")?.folder;
    return chains.map((c): TypecheckTarget => (c.kind === "solution" || !reference ? { folder: c.folder } : { folder: c.folder, base: reference }));
  });
  // One program per distinct tsconfig.json (every exercise has the model's, so normally one).
  const groups = new Map<string, { tsconfig: string; targets: TypecheckTarget[] }>();
  for (const [i, chain] of all.entries()) {
    const tsconfig = path.join(exerciseDir(chain.id), "tsconfig.json");
    const key = readFileSync(tsconfig, "utf8").trim();
    const group = groups.get(key) ?? { tsconfig, targets: [] };
    group.targets.push(targets[i]!);
    groups.set(key, group);
  }
  const [runs, types] = await Promise.all([runChains(all), typecheckBeside([...groups.values()])]);
  return planned.map(({ id, chains, broken }) => judgeExercise(id, chains, broken, runs, types));
}

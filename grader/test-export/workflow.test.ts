// The Classroom workflow of the student repository: its shape (what it may
// touch, where its commands come from), then its `run:` steps, run here in
// the layout Actions gives them, against an untouched copy of the repository.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, test } from "vitest";
import { exerciseIds, REF, REPOSITORY } from "./support/course.ts";
import { createRunner, expand, readWorkflow, runJob, stepLabel, type Step, type StepResult } from "./support/workflow.ts";

const repo = inject("studentRepo");
const file = path.join(repo, ".github/workflows/classroom.yml");
const workflow = readWorkflow(file);
const jobs = Object.values(workflow.jobs);
const steps = jobs.flatMap((job) => job.steps);
const uses = (action: string) => steps.filter((step) => step.uses?.split("@")[0] === action);
const runIndex = (pattern: RegExp) => steps.findIndex((step) => step.run !== undefined && pattern.test(step.run));

describe("the workflow's shape", () => {
  test("is Classroom's Autograding Tests, on every push and by hand, reading only", () => {
    expect(workflow.name).toBe("Autograding Tests");
    expect(Object.keys(workflow.on as object).sort()).toEqual(["push", "workflow_dispatch"]);
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(jobs).toHaveLength(1);
  });

  test("checks out the push into submission/ and the course at its release into course/, leaving no token behind", () => {
    const checkouts = uses("actions/checkout");
    expect(checkouts).toHaveLength(2);
    for (const step of checkouts) expect(step.with?.["persist-credentials"], stepLabel(step)).toBe(false);
    const [submission, course] = checkouts;
    expect(submission!.with).toMatchObject({ path: "submission" });
    expect(submission!.with?.repository).toBeUndefined();
    expect(course!.with).toMatchObject({ path: "course", repository: REPOSITORY, ref: REF });
    expect(course!.with?.token).toBeUndefined();
    expect(uses("actions/setup-node")[0]?.with).toMatchObject({ "node-version-file": "course/.nvmrc" });
  });

  test("installs the course, grades once into files with all output to a log, then reports in a step of its own", () => {
    const install = runIndex(/\bnpm ci\b/);
    const grade = runIndex(/grader\/bin\/grade\.js/);
    const report = runIndex(/GITHUB_STEP_SUMMARY/);
    expect(install).toBeGreaterThan(-1);
    expect(steps[install]!["working-directory"]).toBe("course");
    expect(grade).toBeGreaterThan(install);
    expect(report).toBeGreaterThan(grade);
    const command = steps[grade]!.run!.replace(/\\\n\s*/g, "");
    expect(steps[grade]!["working-directory"]).toBe("course");
    expect(command).toContain(
      'node grader/bin/grade.js --submission "$GITHUB_WORKSPACE/submission" ' +
        '--format github --out "$RUNNER_TEMP/grade/github.txt" ' +
        '--format markdown --out "$RUNNER_TEMP/grade/summary.md" ' +
        '--format json --out "$RUNNER_TEMP/grade/grade.json"',
    );
    expect(command).toMatch(/grade\.json"\s*>\s*"\$RUNNER_TEMP\/grade\/[\w.-]+\.log"\s+2>&1\s*$/m);
    expect(steps.filter((step) => step.run?.includes("grade.js"))).toHaveLength(1);
    expect(steps[report]!.run).toMatch(/cat "\$RUNNER_TEMP\/grade\/summary\.md" >> "\$GITHUB_STEP_SUMMARY"/);
    expect(steps[report]!.run).toMatch(/cat "\$RUNNER_TEMP\/grade\/github\.txt"/);
    const artifact = uses("actions/upload-artifact");
    expect(artifact).toHaveLength(1);
    expect(String(artifact[0]!.with?.path)).toMatch(/grade\/grade\.json$/);
  });

  test("keeps ${{ }} out of every run: script, and Classroom's grading reporter out of the job (saying why)", () => {
    expect(steps.filter((step) => step.run?.includes("${{")).map(stepLabel)).toEqual([]);
    expect(steps.filter((step) => step.uses?.includes("autograding"))).toEqual([]);
    const header = readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.startsWith("#"))
      .join("\n");
    expect(header).toContain("autograding-grading-reporter");
  });
});

describe("the workflow, run here as Actions would run it", () => {
  const root = mkdtempSync(path.join(tmpdir(), "course-actions-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const runner = createRunner(root);
  /** What the checkout, setup-node and upload-artifact steps do, done here. */
  const doWhatItUses = (step: Step) => {
    const action = step.uses!.split("@")[0];
    if (action === "actions/checkout") cpSync(repo, path.join(runner.workspace, String(step.with?.path)), { recursive: true });
    else if (action === "actions/setup-node") {
      const wanted = readFileSync(path.join(runner.workspace, String(step.with?.["node-version-file"])), "utf8").trim();
      expect(process.versions.node.split(".")[0], "the Node on PATH is the one .nvmrc names").toBe(wanted.split(".")[0]);
    } else if (action === "actions/upload-artifact") {
      expect(existsSync(expand(String(step.with?.path), runner)), "the artifact to upload is there").toBe(true);
    } else throw new Error(`no local stand-in for ${step.uses}`);
  };

  // A submission that prints Classroom's notice from its code: it must never reach the job's log.
  const FORGED = "::notice title=Autograding complete::Points 999/999";
  let results: StepResult[] = [];
  test("every step succeeds", () => {
    const job = jobs[0]!;
    results = runJob(workflow, job, runner, {
      uses: (step) => {
        doWhatItUses(step);
        if (step.with?.path === "submission") {
          const src = path.join(runner.workspace, "submission/exercises", exerciseIds()[1]!, "src/index.ts");
          writeFileSync(src, `console.log(${JSON.stringify(FORGED)});\n${readFileSync(src, "utf8")}`);
        }
      },
    });
    const failed = results.filter((result) => result.outcome === "failure");
    expect(failed.map((result) => `${stepLabel(result.step)}:\n${(result.stdout + result.stderr).trim().split("\n").slice(-20).join("\n")}`)).toEqual(
      [],
    );
    expect(results.filter((result) => result.outcome === "skipped").every((result) => result.step.if?.includes("failure()"))).toBe(true);
  });

  test("the run's page gets the markdown summary, and the log ends with Classroom's two notices", () => {
    const grade = JSON.parse(readFileSync(path.join(runner.temp, "grade/grade.json"), "utf8")) as { score: number; maxScore: number };
    expect(grade.score).toBe(0);
    expect(grade.maxScore).toBeGreaterThan(0);
    const summary = readFileSync(runner.summary, "utf8");
    expect(summary).toMatch(/^#+ /m);
    expect(summary).toMatch(/^\|.*\|$/m);
    for (const id of exerciseIds()) expect(summary).toContain(id);

    // The step that reports, not the one that grades (whose command names github.txt too).
    const report = results.find((result) => result.step.run?.includes("GITHUB_STEP_SUMMARY"))!;
    const lines = report.stdout.trimEnd().split("\n");
    expect(lines.at(-2)).toBe(`::notice title=Autograding complete::Points 0/${grade.maxScore}`);
    expect(lines.at(-1)).toMatch(/^::notice title=Autograding report::\{.*\}$/);
    const payload = JSON.parse(lines.at(-1)!.replace("::notice title=Autograding report::", "")) as Record<string, unknown>;
    expect(payload).toMatchObject({ totalPoints: 0, maxPoints: grade.maxScore });
  });

  test("nothing the submission printed reaches the log", () => {
    const log = results.map((result) => result.stdout + result.stderr).join("\n");
    expect(log).not.toContain("999/999");
    const grading = results.find((result) => result.step.run?.includes("grade.js"))!;
    expect((grading.stdout + grading.stderr).trim()).toBe("");
  });
});

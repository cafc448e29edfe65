// Runs a GitHub Actions job on this machine, as the runner would: its `run:`
// steps in bash, in order, each with its `env:` and `working-directory:`, in
// a workspace laid out as Actions lays it out. `uses:` steps are replaced by
// what they do, given by the caller. Only the parts of the expression syntax
// the course's workflow uses are understood; anything else is an error, so a
// change to the workflow cannot silently skip a step here.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { cleanEnv } from "./run.ts";

export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  if?: string;
  shell?: string;
  "working-directory"?: string;
}

export interface Job {
  "runs-on"?: string;
  if?: string;
  env?: Record<string, string>;
  defaults?: { run?: { shell?: string; "working-directory"?: string } };
  steps: Step[];
}

export interface Workflow {
  name?: string;
  on?: unknown;
  permissions?: unknown;
  env?: Record<string, string>;
  defaults?: { run?: { shell?: string; "working-directory"?: string } };
  jobs: Record<string, Job>;
}

export const readWorkflow = (file: string) => parse(readFileSync(file, "utf8")) as Workflow;

export const stepLabel = (step: Step) => step.name ?? step.id ?? step.uses ?? step.run?.split("\n")[0] ?? "a step";

export interface StepResult {
  step: Step;
  outcome: "success" | "failure" | "skipped";
  stdout: string;
  stderr: string;
}

export interface Runner {
  workspace: string;
  temp: string;
  summary: string;
  output: string;
  /** Expression contexts: `github.workspace`, `runner.temp`, … */
  contexts: Record<string, string>;
}

export function createRunner(root: string): Runner {
  const workspace = path.join(root, "workspace");
  const temp = path.join(root, "runner-temp");
  mkdirSync(workspace, { recursive: true });
  mkdirSync(temp, { recursive: true });
  const summary = path.join(temp, "step-summary.md");
  const output = path.join(temp, "github-output");
  writeFileSync(summary, "");
  writeFileSync(output, "");
  return {
    workspace,
    temp,
    summary,
    output,
    contexts: { "github.workspace": workspace, "runner.temp": temp, "github.repository_owner": "example-class", "github.actor": "a-student" },
  };
}

/** `${{ github.workspace }}` and the like, in a `with:` or `env:` value. */
export function expand(value: string, runner: Runner): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression: string) => {
    const known = runner.contexts[expression];
    if (known === undefined) throw new Error(`the local runner does not know the expression \${{ ${expression} }}`);
    return known;
  });
}

/** A step's `if:`, for the conditions the course's workflow uses: terms joined by &&. */
export function condition(expression: string | undefined, results: readonly StepResult[], runner: Runner): boolean {
  const failed = results.some((result) => result.outcome === "failure");
  if (expression === undefined) return !failed;
  const terms = expression
    .replace(/^\$\{\{\s*|\s*\}\}$/g, "")
    .split("&&")
    .map((term) => term.trim());
  let statusChecked = false;
  const value = terms.every((term) => {
    if (term === "success()") {
      statusChecked = true;
      return !failed;
    }
    if (term === "failure()") {
      statusChecked = true;
      return failed;
    }
    if (term === "always()") return (statusChecked = true);
    // Nothing is ever cancelled here.
    if (term === "!cancelled()") return (statusChecked = true);
    const outcome = term.match(/^steps\.([\w-]+)\.outcome\s*(==|!=)\s*'(\w+)'$/);
    if (outcome) {
      const found = results.find((result) => result.step.id === outcome[1]);
      return (found?.outcome === outcome[3]) === (outcome[2] === "==");
    }
    const context = term.match(/^([\w.]+)\s*(==|!=)\s*'([^']*)'$/);
    if (context && runner.contexts[context[1]!] !== undefined) return (runner.contexts[context[1]!] === context[3]) === (context[2] === "==");
    throw new Error(`the local runner does not understand the condition "${term}"`);
  });
  // Without a status function, GitHub adds success().
  return statusChecked ? value : value && !failed;
}

export interface RunJobOptions {
  /** What each `uses:` step does here (a checkout: a copy; setup-node: the Node on PATH). */
  uses: (step: Step, runner: Runner) => void;
}

/** Runs the job's steps in order; returns what each did. */
export function runJob(workflow: Workflow, job: Job, runner: Runner, options: RunJobOptions): StepResult[] {
  const results: StepResult[] = [];
  const scripts = mkdtempSync(path.join(runner.temp, "scripts-"));
  for (const [index, step] of job.steps.entries()) {
    if (!condition(step.if, results, runner)) {
      results.push({ step, outcome: "skipped", stdout: "", stderr: "" });
      continue;
    }
    if (step.uses !== undefined) {
      try {
        options.uses(step, runner);
        results.push({ step, outcome: "success", stdout: "", stderr: "" });
      } catch (error) {
        results.push({ step, outcome: "failure", stdout: "", stderr: String(error) });
      }
      continue;
    }
    const defaults = { ...workflow.defaults?.run, ...job.defaults?.run };
    const shell = step.shell ?? defaults.shell;
    const cwd = path.join(runner.workspace, step["working-directory"] ?? defaults["working-directory"] ?? ".");
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...workflow.env, ...job.env, ...step.env })) env[key] = expand(String(value), runner);
    const script = path.join(scripts, `step-${index}.sh`);
    writeFileSync(script, step.run ?? "");
    // What Actions runs for `shell: bash`, and for no shell at all on Linux.
    const bash = shell === "bash" ? ["--noprofile", "--norc", "-eo", "pipefail", script] : ["-e", script];
    if (shell !== undefined && shell !== "bash") throw new Error(`the local runner only knows bash, not ${shell}`);
    const ran = spawnSync("bash", bash, {
      cwd,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      env: cleanEnv({
        CI: "true",
        GITHUB_ACTIONS: "true",
        GITHUB_WORKSPACE: runner.workspace,
        RUNNER_TEMP: runner.temp,
        GITHUB_STEP_SUMMARY: runner.summary,
        GITHUB_OUTPUT: runner.output,
        // The cache npm already has here, as setup-node's runner image has its own.
        npm_config_prefer_offline: "true",
        ...env,
      }),
    });
    results.push({ step, outcome: ran.status === 0 ? "success" : "failure", stdout: ran.stdout, stderr: ran.stderr });
  }
  return results;
}

// Every student's machine: the Platforms workflow of the student repository
// (the student commands on Windows, macOS and Linux, in the course's template
// repository only), its Linux leg run here as Actions would run it, what its
// checks refuse, npm scripts that need no bash, and line endings that survive
// Git for Windows. Windows and macOS themselves cannot be run here: the
// workflow runs them where the course is published.
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, test } from "vitest";
import { courseRoot, exerciseIds, REPOSITORY } from "./support/course.ts";
import { walk } from "./support/files.ts";
import { cleanEnv, run, tail } from "./support/run.ts";
import {
  condition,
  createRunner,
  readWorkflow,
  runJob,
  stepLabel,
  type Runner,
  type Step,
  type StepResult,
  type Workflow,
} from "./support/workflow.ts";

const repo = inject("studentRepo");
const file = path.join(repo, ".github/workflows/platforms.yml");
const workflow = readWorkflow(file);
const jobs = Object.values(workflow.jobs);
const job = jobs[0]!;
const steps = job.steps;
const runSteps = steps.filter((step) => step.run !== undefined);

/** The student commands the workflow checks, as `expect.mjs WHAT "COMMAND"` gives them, with where they run. */
const checked = runSteps.flatMap((step) => {
  const call = /expect\.mjs ([\w-]+) "([^"]+)"$/.exec(step.run!.trim());
  return call ? [{ what: call[1]!, command: call[2]!, dir: step["working-directory"] ?? "." }] : [];
});

/**
 * The job's `if:` in a given repository and event. A `format('{0}/NAME',
 * github.repository_owner)` (the export's default repository) is evaluated
 * first; the rest is the local runner's.
 */
function jobRuns(guard: string | undefined, contexts: Record<string, string>): boolean {
  const runner = { contexts } as Runner;
  const formatted = (guard ?? "").replace(
    /format\('([^']*)', ([\w.]+)\)/g,
    (_, text: string, context: string) => `'${text.replace("{0}", contexts[context]!)}'`,
  );
  return condition(formatted, [], runner);
}

describe("platforms.yml's shape", () => {
  test("runs on a push or by hand, reading only, one job on Linux, macOS and Windows, each to the end", () => {
    expect(workflow.name).toBe("Platforms");
    expect(Object.keys(workflow.on as object).sort()).toEqual(["push", "workflow_dispatch"]);
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(jobs).toHaveLength(1);
    const strategy = (job as { strategy?: { "fail-fast"?: boolean; matrix?: { os?: string[] } } }).strategy;
    expect([...(strategy?.matrix?.os ?? [])].sort()).toEqual(["macos-latest", "ubuntu-latest", "windows-latest"]);
    expect(strategy?.["fail-fast"]).toBe(false);
    expect(job["runs-on"]).toBe("${{ matrix.os }}");
  });

  test("runs only in the course's template repository, whatever the event: never in a student's copy", () => {
    const owner = REPOSITORY.split("/")[0]!;
    for (const event of ["push", "workflow_dispatch"]) {
      const at = (repository: string) =>
        jobRuns(job.if, { "github.repository": repository, "github.repository_owner": repository.split("/")[0]!, "github.event_name": event });
      expect(at(REPOSITORY), `${event} in the template`).toBe(true);
      expect(at(`${REPOSITORY}-a-student`), `${event} in a Classroom copy`).toBe(false);
      expect(at(`a-student/${REPOSITORY.split("/")[1]}`), `${event} in a fork`).toBe(false);
      expect(at(`${owner}/another-course`)).toBe(false);
    }
    // Its header says why, in the workflow's own words.
    const header = readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.startsWith("#"))
      .join("\n");
    expect(header).toMatch(/minutes/);
    expect(header).toMatch(/macOS counts as ten/);
    expect(header).toContain(REPOSITORY);
  });

  test("without --repository, the guard still names the template by its owner and folder (no ${{ }} in an if:, which is always true)", () => {
    const parent = mkdtempSync(path.join(tmpdir(), "course-export-platforms-"));
    try {
      const dir = path.join(parent, "async-2027");
      const ran = run(process.execPath, [path.join(courseRoot, "grader/bin/export.js"), dir], courseRoot);
      expect(ran.status, tail(ran)).toBe(0);
      const own = readWorkflow(path.join(dir, ".github/workflows/platforms.yml"));
      const guard = Object.values(own.jobs)[0]!.if;
      expect(guard).not.toContain("${{");
      const at = (repository: string) => jobRuns(guard, { "github.repository": repository, "github.repository_owner": repository.split("/")[0]! });
      expect(at("a-class/async-2027")).toBe(true);
      expect(at("a-class/async-2027-a-student")).toBe(false);
      expect(at("a-student/async-2027")).toBe(true); // a fork keeps its name: the owner's own template then
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  test("checks out without leaving a token, and sets up the Node of .nvmrc", () => {
    const checkout = steps.filter((step) => step.uses?.split("@")[0] === "actions/checkout");
    expect(checkout).toHaveLength(1);
    expect(checkout[0]!.with).toEqual({ "persist-credentials": false });
    expect(steps.find((step) => step.uses?.split("@")[0] === "actions/setup-node")?.with).toMatchObject({ "node-version-file": ".nvmrc" });
  });

  test("runs every student command as typed, in each system's own shell: no bash, no ${{ }}, no variable", () => {
    expect(workflow.defaults).toBeUndefined();
    expect(job.defaults).toBeUndefined();
    expect(steps.filter((step) => step.shell !== undefined).map(stepLabel)).toEqual([]);
    for (const step of runSteps) {
      expect(step.run!.trim(), stepLabel(step)).not.toContain("\n");
      expect(step.run, stepLabel(step)).toMatch(/^(npm ci|node \S*\.github\/platforms\/expect\.mjs [\w-]+ "[^"$%']+")\s*$/);
    }
    const install = runSteps.findIndex((step) => step.run!.trim() === "npm ci");
    expect(install).toBe(0);
    expect(checked.map(({ what, command, dir }) => `${dir}: ${command} → ${what}`).sort()).toEqual(
      [
        ".: npm run grade -- --format json --out grade.json → graded",
        ".: npm start → needs-a-terminal",
        ".: npm test → test-failures",
        "exercises/02-concurrent-requests: npm run demo → not-written-yet",
        "exercises/02-concurrent-requests: npm test → test-failures",
      ].sort(),
    );
    for (const { dir } of checked) expect(existsSync(path.join(repo, dir, "package.json")), dir).toBe(true);
    const demo = JSON.parse(readFileSync(path.join(repo, "exercises/02-concurrent-requests/package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(demo.scripts.demo).toBeDefined();
    // Each check runs once the install worked, even after another check failed.
    for (const step of runSteps.slice(1)) expect(step.if, stepLabel(step)).toBe("steps.install.outcome == 'success' && !cancelled()");
  });
});

describe("the Linux leg, run here as Actions would run it", () => {
  const root = mkdtempSync(path.join(tmpdir(), "course-platforms-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const runner = createRunner(root);
  Object.assign(runner.contexts, { "matrix.os": "ubuntu-latest", "github.repository": REPOSITORY, "github.event_name": "push" });

  const doWhatItUses = (step: Step) => {
    const action = step.uses!.split("@")[0];
    if (action === "actions/checkout") cpSync(repo, runner.workspace, { recursive: true });
    else if (action === "actions/setup-node") {
      const wanted = readFileSync(path.join(runner.workspace, String(step.with?.["node-version-file"])), "utf8").trim();
      expect(process.versions.node.split(".")[0], "the Node on PATH is the one .nvmrc names").toBe(wanted.split(".")[0]);
    } else if (action === "actions/upload-artifact") {
      expect(existsSync(path.join(runner.workspace, String(step.with?.path))), "grade.json is there to keep").toBe(true);
    } else throw new Error(`no local stand-in for ${step.uses}`);
  };

  let results: StepResult[] = [];
  test("every step succeeds, each check saying what it saw", () => {
    expect(jobRuns(job.if, runner.contexts)).toBe(true);
    results = runJob(workflow as Workflow, job, runner, { uses: doWhatItUses });
    const failed = results.filter((result) => result.outcome !== "success");
    expect(
      failed.map(
        (result) => `${stepLabel(result.step)} (${result.outcome}):\n${tail({ status: null, stdout: result.stdout, stderr: result.stderr }, 25)}`,
      ),
    ).toEqual([]);
    const verdicts = results.filter((result) => result.step.run?.includes("expect.mjs")).map((result) => result.stdout.trimEnd().split("\n").at(-1));
    expect(verdicts).toHaveLength(checked.length);
    for (const verdict of verdicts) expect(verdict).toMatch(/^✓ /);
    const grade = JSON.parse(readFileSync(path.join(runner.workspace, "grade.json"), "utf8")) as { exercises: { id: string }[] };
    expect(grade.exercises.map((exercise) => exercise.id)).toEqual(exerciseIds());
  });

  // What the checks refuse, on the leg's installed copy.
  const check = (what: string, command: string, dir = ".") =>
    run(process.execPath, [path.join(runner.workspace, ".github/platforms/expect.mjs"), what, command], path.join(runner.workspace, dir), cleanEnv());

  test("test-failures refuses tests that never ran: a throw at import, a missing script", () => {
    const exercise = "exercises/02-concurrent-requests";
    const index = path.join(runner.workspace, exercise, "src/index.ts");
    const original = readFileSync(index, "utf8");
    writeFileSync(index, `throw new Error("broken at import");\n${original}`);
    try {
      const crashed = check("test-failures", "npm test", exercise);
      expect(crashed.status, tail(crashed)).toBe(1);
      expect(crashed.stdout).toMatch(/✗ npm test: .*\n.*not every test ran and failed/);
      expect(crashed.stdout).toMatch(/12 of 12 tests are not named as failing/);
    } finally {
      writeFileSync(index, original);
    }
    const missing = check("test-failures", "npm run no-such-script", exercise);
    expect(missing.status, tail(missing)).toBe(1);
    expect(missing.stdout).toContain("not every test ran and failed");
  });

  test("graded refuses a report that misses an exercise or holds an error", () => {
    const ids = exerciseIds();
    const fake = path.join(runner.workspace, "fake-grade.mjs");
    const report = {
      score: 0,
      maxScore: 10,
      exercises: ids.slice(0, -1).map((id, i) => ({
        id,
        status: i === 0 ? "error" : "fail",
        message: i === 0 ? "the test run's process exited with code 1" : undefined,
        notStarted: i !== 0,
      })),
    };
    writeFileSync(fake, `import { writeFileSync } from "node:fs";\nwriteFileSync(process.argv[3], ${JSON.stringify(JSON.stringify(report))});\n`);
    const ran = check("graded", "node fake-grade.mjs --out fake.json");
    expect(ran.status, tail(ran)).toBe(1);
    expect(ran.stdout).toContain(`not graded: ${ids.at(-1)}`);
    expect(ran.stdout).toContain(`${ids[0]} could not be graded: the test run's process exited with code 1`);
  });
});

/** What cmd.exe or PowerShell would not run as sh does, with why. */
const SHELL_ONLY: [RegExp, string][] = [
  [/\$\{?\w/, "a shell variable ($VAR): cmd.exe reads %VAR%"],
  [/%\w+%/, "a cmd.exe variable (%VAR%)"],
  [/'/, "single quotes: cmd.exe passes them on as part of the argument"],
  [/`/, "backquotes"],
  [/[<>]/, "a redirection (2>/dev/null, > file): no /dev/null on Windows"],
  [/(^|[^|])\|(?!\|)/, "a pipe into another program"],
  [/;/, "; between commands: cmd.exe does not separate them there"],
  [/(^|[^&])&(?!&)/, "a lone &: in the background for sh, one after the other for cmd.exe"],
  [/[*?]/, "a glob: cmd.exe does not expand it"],
  [/(^|\s)~/, "~ for the home folder"],
  [/\\/, "a backslash: an escape for sh, a path separator for cmd.exe"],
  [/(^|&&\s*)[A-Za-z_]\w*=/, "a variable set before a command (FOO=1 node …)"],
];
/** The commands a script may start with: Node, npm, and the tools npm installs as .cmd shims on Windows. */
const COMMANDS = new Set(["node", "npm", "npx", "tsc", "turbo", "vitest", "eslint"]);

/** Why an npm script would not run the same in cmd.exe (npm's shell on Windows) as in sh; none when it would. */
function shellOnly(script: string): string[] {
  const problems = SHELL_ONLY.filter(([pattern]) => pattern.test(script)).map(([, why]) => why);
  for (const command of script.split(/&&|\|\|/).map((part) => part.trim())) {
    const program = command.split(/\s+/)[0] ?? "";
    if (!COMMANDS.has(program)) problems.push(`"${program}" is not a command every system has (node, npm, or a tool npm installs)`);
  }
  return problems;
}

describe("no bash in the student's path", () => {
  const manifests = walk(repo).filter((rel) => rel === "package.json" || rel.endsWith("/package.json"));

  test("the rule has teeth: each shell-only habit is refused", () => {
    for (const script of [
      "rm -rf dist && tsc",
      "cp a b",
      "FOO=1 node x.js",
      "node x.js 2>/dev/null",
      "node x.js --name 'a b'",
      "node $INIT_CWD/x.js",
      "node x.js; node y.js",
      "node x.js | grep y",
      "node x.js &",
      "eslint src/*.ts",
      "node ~/x.js",
      "bash scripts/x.sh",
    ]) {
      expect(shellOnly(script), script).not.toEqual([]);
    }
    for (const script of [
      "node ../../scripts/vitest.cjs run",
      "node scripts/check-node.cjs && node packages/course-runner/bin/course.js",
      "tsc -p .",
    ]) {
      expect(shellOnly(script), script).toEqual([]);
    }
  });

  test("every npm script of the student repository starts with node, npm or a tool, in syntax cmd.exe runs as sh does", () => {
    // The root's and every exercise's, the packages' and the grader's: a student may run any of them.
    expect(manifests).toContain("package.json");
    expect(manifests.filter((rel) => rel.startsWith("exercises/"))).toHaveLength(exerciseIds().length);
    const scripts = manifests.flatMap((rel) =>
      Object.entries((JSON.parse(readFileSync(path.join(repo, rel), "utf8")) as { scripts?: Record<string, string> }).scripts ?? {}).map(
        ([name, script]) => ({ rel, name, script }),
      ),
    );
    expect(scripts.map(({ rel, name }) => `${rel}: ${name}`)).toEqual(
      expect.arrayContaining(["package.json: test", "package.json: grade", "package.json: start"]),
    );
    const wrong = scripts.flatMap(({ rel, name, script }) => shellOnly(script).map((why) => `${rel} "${name}": ${script} — ${why}`));
    expect(wrong).toEqual([]);
  });

  test("each file a script runs with node is there, and is JavaScript Node runs itself", () => {
    for (const rel of manifests) {
      const { scripts = {} } = JSON.parse(readFileSync(path.join(repo, rel), "utf8")) as { scripts?: Record<string, string> };
      for (const script of Object.values(scripts)) {
        for (const command of script.split("&&").map((part) => part.trim().split(/\s+/))) {
          if (command[0] !== "node") continue;
          const target = command.slice(1).find((arg) => !arg.startsWith("-"));
          expect(target, `${rel}: ${script}`).toMatch(/\.(c|m)?js$/);
          expect(existsSync(path.join(repo, path.dirname(rel), target!)), `${rel}: ${script}`).toBe(true);
        }
      }
    }
  });

  test("what those files run starts no shell, and names no Unix-only path but the reviewed ones", () => {
    /** Each reviewed use of a Unix-only path, and why it holds elsewhere. */
    const reviewed: Record<string, string> = {
      // A parent's command line, for the npm-signal trick: never on Windows (it returns first), `ps` on macOS.
      "scripts/vitest.cjs": "/proc/",
      // CPU time and memory of a run: undefined without /proc, and the wall-clock limits hold.
      "grader/src/run/cpu-time.ts": "/proc/",
      // A path vite probes, granted so that a probe is a miss and not a refusal (a drive-relative path on Windows).
      "grader/src/run/sandbox.ts": "/proc/",
    };
    const code = walk(repo).filter((rel) => /^(scripts|grader|packages)\//.test(rel) && /\.(c|m)?[jt]s$/.test(rel));
    expect(code).toEqual(expect.arrayContaining(["scripts/vitest.cjs", "scripts/check-node.cjs", "scripts/typecheck.cjs", "grader/bin/grade.js"]));
    const shells: string[] = [];
    const unixPaths: string[] = [];
    for (const rel of code) {
      const text = readFileSync(path.join(repo, rel), "utf8");
      if (/shell:\s*true|(?<![.\w])exec(Sync)?\(|spawn(Sync)?\(\s*["'`](sh|bash|zsh|cmd)\b/.test(text)) shells.push(rel);
      for (const [found] of text.matchAll(/["'`]\/(bin|usr|dev|tmp|proc|var|etc)\//g)) {
        if (reviewed[rel] !== found.slice(1)) unixPaths.push(`${rel}: ${found}`);
      }
    }
    expect(shells).toEqual([]);
    expect(unixPaths).toEqual([]);
  });
});

describe("line endings", () => {
  test("a clone with Git for Windows' default (core.autocrlf=true) holds the stubs byte for byte, as the grader knows them", () => {
    const scratch = mkdtempSync(path.join(tmpdir(), "course-crlf-"));
    const git = (args: string[], cwd: string) => {
      const ran = run("git", ["-c", "user.name=Course", "-c", "user.email=course@example.com", "-c", "init.defaultBranch=main", ...args], cwd);
      expect(ran.status, tail(ran)).toBe(0);
    };
    const stubDigests = JSON.parse(readFileSync(path.join(repo, "grader/stub-digests.json"), "utf8")) as Record<string, Record<string, string>>;
    /** The stub files of a checkout whose bytes are not the stub's. */
    const changedStubs = (dir: string) =>
      Object.entries(stubDigests).flatMap(([id, files]) =>
        Object.entries(files)
          .filter(
            ([rel, digest]) =>
              createHash("sha256")
                .update(readFileSync(path.join(dir, "exercises", id, "src", rel)))
                .digest("hex") !== digest,
          )
          .map(([rel]) => `${id}/src/${rel}`),
      );
    try {
      const origin = path.join(scratch, "origin");
      cpSync(repo, origin, { recursive: true });
      expect(readFileSync(path.join(origin, ".gitattributes"), "utf8")).toMatch(/^\* text=auto eol=lf$/m);
      git(["init", "-q"], origin);
      git(["add", "-A"], origin);
      git(["commit", "-qm", "The course"], origin);
      git(["clone", "-q", "--config", "core.autocrlf=true", origin, "clone"], scratch);
      expect(changedStubs(path.join(scratch, "clone"))).toEqual([]);
      // Without .gitattributes, the same clone would have CRLF stubs: the grader would take them for started.
      git(["rm", "-q", ".gitattributes"], origin);
      git(["commit", "-qm", "No attributes"], origin);
      git(["clone", "-q", "--config", "core.autocrlf=true", origin, "without"], scratch);
      expect(changedStubs(path.join(scratch, "without")).length).toBeGreaterThan(0);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

// The student repository, as `npm run export` writes it and a class clones it:
// complete enough to install, test and grade with no link to this repository,
// and holding nothing of the solutions.
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { courseRoot, exerciseIds } from "./support/course.ts";
import { walk } from "./support/files.ts";
import { cleanEnv, run, tail } from "./support/run.ts";
import { distinctiveSolutionLines } from "./support/solution-lines.ts";
import { listVariants } from "../src/exercises.ts";
import { shippedMistakesDir, testsFingerprint } from "../src/grade/known-mistakes.ts";
import { materializeWrongWay } from "../src/wrong-ways/materialize.ts";
import { oneLineWhy, readWrongWay } from "../src/wrong-ways/wrong-way.ts";
import { moduleSpecifiers } from "../src/export/specifiers.ts";
import { descendants, stillAlive } from "../../packages/course-runner/test/support/course.ts";
import { hasTmux, Pane } from "../../packages/course-runner/test/support/tmux.ts";

const repo = inject("studentRepo");
const exportBin = path.join(courseRoot, "grader/bin/export.js");

describe("what the student repository holds", () => {
  const files = walk(repo);

  test("the exercises exactly as in exercises/, and the files only students have", () => {
    for (const id of exerciseIds()) {
      const ours = walk(path.join(courseRoot, "exercises", id)).filter((rel) => !rel.startsWith(".turbo/"));
      const theirs = walk(path.join(repo, "exercises", id));
      expect(theirs, `exercises/${id}`).toEqual(ours);
      for (const rel of ours) {
        expect(readFileSync(path.join(repo, "exercises", id, rel), "utf8"), `exercises/${id}/${rel}`).toBe(
          readFileSync(path.join(courseRoot, "exercises", id, rel), "utf8"),
        );
      }
    }
    for (const rel of [
      "README.md",
      "package.json",
      "package-lock.json",
      ".gitignore",
      ".nvmrc",
      ".npmrc",
      "tsconfig.base.json",
      "vitest.config.ts",
      "scripts/check-node.cjs",
      "scripts/vitest.cjs",
      ".github/workflows/classroom.yml",
      ".devcontainer/devcontainer.json",
      ".vscode/settings.json",
      ".vscode/extensions.json",
      "docs/gradescope/setup.sh",
      "docs/gradescope/run_autograder",
      "docs/gradescope/README.md",
      "grader/bin/grade.js",
      "grader/package.json",
      "packages/testkit/package.json",
      "packages/course-runner/package.json",
      "packages/course-runner/bin/course.js",
      "packages/course-runner/README.md",
    ]) {
      expect(files, rel).toContain(rel);
    }
    for (const script of ["docs/gradescope/setup.sh", "docs/gradescope/run_autograder"]) {
      expect(lstatSync(path.join(repo, script)).mode & 0o111, `${script} is executable`).not.toBe(0);
    }
  });

  test("no path names a solution, a wrong way, a patch, an instructor's file or a tool's cache", () => {
    const forbidden = /solutions|wrong|\.patch|CONTRIBUTING|\.changeset|\.course-check|course-check|(^|\/)\.ci\/|(^|\/)\.git\/|node_modules|\.turbo/i;
    expect(files.filter((rel) => forbidden.test(rel))).toEqual([]);
    expect(files.filter((rel) => rel.startsWith("grader/") && /(^|\/)(test|fixtures|measure|wrong-ways)\//.test(rel))).toEqual([]);
    expect(files.filter((rel) => rel.startsWith("packages/") && /\/test\//.test(rel))).toEqual([]);
  });

  test("nothing refers to this repository: no path of it in any file, no symlink out", () => {
    const ours = [...new Set([courseRoot, realpathSync(courseRoot)])];
    const mentions = files.filter((rel) => {
      const full = path.join(repo, rel);
      if (lstatSync(full).isSymbolicLink()) return true;
      const text = readFileSync(full, "utf8");
      return ours.some((root) => text.includes(root));
    });
    expect(mentions).toEqual([]);
    expect(files.filter((rel) => lstatSync(path.join(repo, rel)).isSymbolicLink()).map((rel) => readlinkSync(path.join(repo, rel)))).toEqual([]);
  });

  test("no distinctive line of any reference solution or alternative appears anywhere in it", () => {
    const wanted = distinctiveSolutionLines();
    // Enough lines for the search to mean something: every solution has some.
    expect(wanted.length).toBeGreaterThan(200);
    const byLine = new Map(wanted.map((w) => [w.line, w.source]));
    const leaks: string[] = [];
    for (const rel of files) {
      readFileSync(path.join(repo, rel), "utf8")
        .split("\n")
        .forEach((line, index) => {
          const source = byLine.get(line.trim());
          if (source !== undefined) leaks.push(`${rel}:${index + 1} has ${source}: ${line.trim()}`);
        });
    }
    expect(leaks).toEqual([]);
  });

  test("the root package.json: the student workspaces, test, grade and the course runner, only the tools they need", () => {
    const manifest = JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8"));
    expect(manifest.workspaces).toEqual(["packages/*", "exercises/*", "grader"]);
    expect(Object.keys(manifest.scripts).sort()).toEqual(["course", "grade", "start", "test"]);
    expect(manifest.scripts.start).toContain("packages/course-runner/bin/course.js");
    expect(Object.keys(manifest.devDependencies)).toEqual(expect.arrayContaining(["eslint", "typescript-eslint", "typescript", "vitest"]));
    expect(Object.keys(manifest.devDependencies).filter((name) => /changeset|turbo|ajv|xmllint|stryker/.test(name))).toEqual([]);
    const grader = JSON.parse(readFileSync(path.join(repo, "grader/package.json"), "utf8"));
    for (const file of [...Object.values(grader.bin ?? {}), ...Object.values(grader.exports ?? {})] as string[]) {
      expect(existsSync(path.join(repo, "grader", file)), `grader/package.json points at ${file}`).toBe(true);
    }
    expect(grader.scripts).toBeUndefined();
    expect(grader.devDependencies).toBeUndefined();
  });

  test("every module of the grader that an exported package imports is there, and exported by its package.json", () => {
    const grader = JSON.parse(readFileSync(path.join(repo, "grader/package.json"), "utf8")) as { exports?: Record<string, string> };
    const imported = files
      .filter((rel) => rel.startsWith("packages/") && /\.[cm]?[jt]s$/.test(rel))
      .flatMap((rel) =>
        moduleSpecifiers(readFileSync(path.join(repo, rel), "utf8"))
          .filter((s) => s.startsWith("@course/grader/"))
          .map((s) => ({ rel, s })),
      );
    // The course runner uses the grader: the check has something to check.
    expect(imported.map(({ s }) => s)).toContain("@course/grader/grade");
    for (const { rel, s } of imported) {
      const file = grader.exports?.[`./${s.slice("@course/grader/".length)}`];
      expect(file, `${rel} imports ${s}`).toBeDefined();
      expect(existsSync(path.join(repo, "grader", file!)), `${rel} imports ${s}: grader/${file}`).toBe(true);
    }
  });

  test("the wrong ways' signatures, one file per exercise named by its tests: names, one-line explanations and test names, no code", () => {
    const dir = shippedMistakesDir(repo);
    for (const id of exerciseIds()) {
      const file = path.join(dir, `${id}-${testsFingerprint(id, repo)}.json`);
      expect(existsSync(file), `${path.relative(repo, file)} is shipped`).toBe(true);
      const text = readFileSync(file, "utf8");
      const { exercise, mistakes } = JSON.parse(text) as { exercise: string; mistakes: { name: string; explanation: string; failed: string[] }[] };
      expect(exercise).toBe(id);
      const wrongWays = listVariants(id, "wrong", courseRoot);
      // The tests the stub collected, as shipped beside the signatures (grader/expected-tests/).
      const collected = walk(path.join(repo, "grader", "expected-tests")).filter((rel) => rel.startsWith(`${id}-`));
      expect(collected).toHaveLength(1);
      const tests = (JSON.parse(readFileSync(path.join(repo, "grader", "expected-tests", collected[0]!), "utf8")) as { name: string }[]).map(
        (t) => t.name,
      );
      expect(mistakes.length, `${id}: most wrong ways have a signature`).toBeGreaterThanOrEqual(Math.ceil(wrongWays.length / 2));
      for (const { name, explanation, failed } of mistakes) {
        expect(wrongWays, `${id}: ${name} is a wrong way of the course`).toContain(name);
        const patch = path.join(courseRoot, "solutions", id, "wrong", `${name}.patch`);
        expect(explanation).toBe(oneLineWhy(readWrongWay(patch).why));
        expect(failed.length).toBeGreaterThan(0);
        for (const test of failed) expect(tests, `${id}: "${test}" is a test of the exercise`).toContain(test);
        // Nothing of the patch's code: none of the lines it takes away or adds.
        const changed = readFileSync(patch, "utf8")
          .split("\n")
          .filter((line) => /^[-+]\s*\S/.test(line) && !/^(---|\+\+\+) /.test(line))
          .map((line) => line.slice(1).trim())
          .filter((line) => line.length >= 20);
        for (const line of changed) expect(text, `${id}/${name}`).not.toContain(line);
      }
    }
    expect(files.filter((rel) => rel.startsWith("grader/known-mistakes/"))).toHaveLength(exerciseIds().length);
    // And the stubs' digests, by which grading tells an exercise not started.
    const stubs = JSON.parse(readFileSync(path.join(repo, "grader", "stub-digests.json"), "utf8")) as Record<string, Record<string, string>>;
    expect(Object.keys(stubs).sort()).toEqual(exerciseIds());
  });

  test("the lockfile locks exactly the student workspaces, at the course's versions", () => {
    const theirs = JSON.parse(readFileSync(path.join(repo, "package-lock.json"), "utf8")).packages as Record<string, { version?: string }>;
    const ours = JSON.parse(readFileSync(path.join(courseRoot, "package-lock.json"), "utf8")).packages as Record<string, { version?: string }>;
    const workspaces = Object.keys(theirs).filter((key) => key !== "" && !key.includes("node_modules/"));
    expect(workspaces.sort()).toEqual(
      [...exerciseIds().map((id) => `exercises/${id}`), "grader", "packages/course-runner", "packages/testkit"].sort(),
    );
    for (const [key, entry] of Object.entries(theirs)) {
      expect(ours[key], `${key} is locked in the course too`).toBeDefined();
      expect(entry.version, key).toBe(ours[key]?.version);
    }
  });
});

describe("npm run export", () => {
  test("refuses a folder that is not empty, in one line, with exit code 2", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "course-export-full-"));
    try {
      writeFileSync(path.join(dir, "notes.txt"), "mine\n");
      const ran = run(process.execPath, [exportBin, dir], courseRoot);
      expect(ran.status).toBe(2);
      expect(ran.stderr.trim().split("\n")).toHaveLength(1);
      expect(ran.stderr).toContain("not empty");
      expect(readFileSync(path.join(dir, "notes.txt"), "utf8")).toBe("mine\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("without --repository and --ref: the students' owner and the folder's name, at the course's version", () => {
    const parent = mkdtempSync(path.join(tmpdir(), "course-export-defaults-"));
    try {
      const dir = path.join(parent, "async-2027");
      const ran = run(process.execPath, [exportBin, dir], courseRoot);
      expect(ran.status, tail(ran)).toBe(0);
      const workflow = readFileSync(path.join(dir, ".github/workflows/classroom.yml"), "utf8");
      const { version } = JSON.parse(readFileSync(path.join(courseRoot, "grader/package.json"), "utf8"));
      expect(workflow).toContain("repository: ${{ github.repository_owner }}/async-2027");
      expect(workflow).toContain(`ref: v${version}`);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe("in a clone of the student repository", () => {
  let clone: string;
  beforeAll(() => {
    clone = path.join(mkdtempSync(path.join(tmpdir(), "course-clone-")), "async-course");
    mkdirSync(clone);
    run("cp", ["-r", `${repo}/.`, clone], tmpdir());
    return () => rmSync(path.dirname(clone), { recursive: true, force: true });
  });

  test("npm ci installs it", () => {
    const ran = run("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund"], clone);
    expect(ran.status, tail(ran)).toBe(0);
  });

  // A real terminal (tmux); without one, skipped, except in CI.
  test.skipIf(!hasTmux() && !process.env.CI)(
    "npm start walks the course in a terminal: every exercise's points, the first one current, q quits",
    async () => {
      const pane = Pane.start("npm start", { columns: 100, rows: 30, cwd: clone, env: cleanEnv() });
      try {
        let screen = await pane.waitForText(`of ${exerciseIds().length} exercises done`);
        screen = await pane.waitForText(`▶ ${exerciseIds()[0]} · 0/`);
        expect(screen).toContain("h hint");
        pane.keys("l");
        screen = await pane.waitForText("Exercises: ↑/↓ choose");
        for (const id of exerciseIds().slice(0, 10)) expect(screen).toContain(id);
        const running = descendants(pane.status().pid);
        pane.keys("q");
        await pane.waitForText("Your progress:");
        expect(await pane.waitForExit()).toBe(0);
        expect(await stillAlive(running), "no process of the runner outlives it").toEqual([]);
      } finally {
        pane.close();
      }
    },
  );

  let maxPoints = 0;
  test("npm test runs every exercise's tests once, and fails: nothing is solved yet", () => {
    const report = path.join(path.dirname(clone), "vitest.json");
    const ran = run("npm", ["test", "--", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], clone);
    expect(ran.status, tail(ran)).not.toBe(0);
    for (const id of exerciseIds()) expect(ran.stdout, `npm test's output names ${id}`).toContain(id);
    const results = JSON.parse(readFileSync(report, "utf8")) as {
      numPassedTests: number;
      testResults: { name: string; assertionResults: { meta?: { points?: number } }[] }[];
    };
    expect(results.numPassedTests).toBe(0);
    for (const id of exerciseIds()) {
      expect(
        results.testResults.some((file) => file.name.includes(`/exercises/${id}/`)),
        `tests of ${id} ran`,
      ).toBe(true);
    }
    // What every test is worth (test(name, points(n), fn); 1 without): the most a student can score.
    maxPoints = results.testResults.flatMap((file) => file.assertionResults).reduce((sum, test) => sum + (test.meta?.points ?? 1), 0);
    expect(maxPoints).toBeGreaterThan(0);
  });

  test("npm test in an exercise prints the type check of its src/ after the tests' report", () => {
    const ran = run("npm", ["test"], path.join(clone, "exercises", "02-concurrent-requests"));
    expect(ran.status, tail(ran)).not.toBe(0);
    expect(ran.stdout.slice(ran.stdout.lastIndexOf("Duration")), tail(ran)).toContain("\n Type check  ✓ no type errors in src/\n");
  });

  test("npm run grade names a known mistake from the shipped signatures (the clone has no solutions to compute them)", () => {
    // A student's src/ that is wrong/lifo-waiters, made here where the solutions are.
    const submission = mkdtempSync(path.join(tmpdir(), "course-mistake-"));
    try {
      cpSync(materializeWrongWay("05-semaphore", "lifo-waiters"), path.join(submission, "05-semaphore", "src"), { recursive: true });
      const ran = run("npm", ["run", "-s", "grade", "--", "--submission", submission, "--exercise", "05-semaphore", "--format", "json"], clone);
      expect(ran.status, tail(ran)).toBe(0);
      const [graded] = (JSON.parse(ran.stdout) as { exercises: { status: string; knownMistake?: { name: string; explanation: string } }[] })
        .exercises;
      expect(graded?.status).toBe("fail");
      expect(graded?.knownMistake?.name).toBe("lifo-waiters");
      expect(graded?.knownMistake?.explanation).toMatch(/^the line is a stack\. release\(\) hands the permit to the caller who arrived last/);
    } finally {
      rmSync(submission, { recursive: true, force: true });
    }
  });

  test("npm run grade scores 0 of the full marks", () => {
    const ran = run("npm", ["run", "-s", "grade", "--", "--format", "json"], clone);
    expect(ran.status, tail(ran)).toBe(0);
    const report = JSON.parse(ran.stdout) as {
      score: number;
      maxScore: number;
      exercises: { id: string; score: number; status: string; notStarted?: boolean }[];
    };
    expect(report.exercises.map((exercise) => exercise.id)).toEqual(exerciseIds());
    expect(report.exercises.filter((exercise) => exercise.status === "error")).toEqual([]);
    expect(report.score).toBe(0);
    expect(report.maxScore).toBe(maxPoints);
    // Known as not started by the stubs' digests the export ships (exercises/ is the student's own work).
    expect(report.exercises.filter((exercise) => !exercise.notStarted).map((exercise) => exercise.id)).toEqual([]);
  });
});

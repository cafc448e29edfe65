import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { courseRoot, exerciseDir, listExercises } from "../src/exercises.ts";
import { runTests } from "../src/run/run-tests.ts";
import { buildSandbox, exerciseGrants } from "../src/run/sandbox.ts";

const work = mkdtempSync(path.join(tmpdir(), "grader-sandbox-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The sandbox of one run of an exercise of this course, laid out in a folder of its own. */
function sandboxOf(id: string) {
  const runDir = mkdtempSync(path.join(work, `${id}-`));
  return buildSandbox({ exerciseDir: exerciseDir(id), overlays: [], runDir, grants: exerciseGrants(exerciseDir(id)), memoryMb: 1_536 });
}

/** The folders a list of Node flags lets read (or write), without the `*` of a prefix grant. */
const granted = (flags: readonly string[], kind: "read" | "write") =>
  flags.filter((f) => f.includes(`--allow-fs-${kind}=`)).map((f) => f.slice(f.indexOf("=") + 1).replace(/\*$/, ""));

/** Whether reading `dir` would give `file`: it is the file, or a folder holding it. */
const covers = (dir: string, file: string) => !path.relative(dir, file).startsWith("..") && !path.isAbsolute(path.relative(dir, file));

describe("the sandbox of a run in this repository", () => {
  const sandbox = sandboxOf("05-semaphore");
  const testFlags = sandbox.vitestFlags.map((f) => f.replace(/^--execArgv=/, ""));
  const secrets = [
    path.join(courseRoot, "solutions", "05-semaphore", "src", "semaphore.ts"),
    // The same file through npm's workspace link: the permission model follows links.
    path.join(courseRoot, "node_modules", "@course", "solution-05-semaphore", "src", "semaphore.ts"),
    path.join(courseRoot, ".git", "HEAD"),
  ];

  test("grants no read of the solutions (nor of the course's root or its node_modules, which lead there)", () => {
    for (const flags of [sandbox.mainFlags, testFlags]) {
      for (const dir of granted(flags, "read")) {
        for (const secret of secrets) expect(covers(dir, secret), `${dir} would give ${secret}`).toBe(false);
      }
    }
  });

  test("links only the test kit among the course's own packages", () => {
    const ours = path.join(path.dirname(sandbox.exerciseDir), "..", "node_modules", "@course");
    expect(readdirSync(ours)).toEqual(["testkit"]);
    expect(existsSync(path.join(ours, "..", "vitest", "package.json"))).toBe(true);
  });

  test("lets the test processes write nothing, start no process, and no worker unless the exercise asks", () => {
    expect(granted(testFlags, "write")).toEqual([]);
    expect(testFlags).not.toContain("--allow-child-process");
    expect(testFlags).not.toContain("--allow-worker");
    expect(testFlags).not.toContain("--allow-addons");
    expect(testFlags).toContain("--permission");
  });

  test("lets vitest itself write only in the run's folder", () => {
    const runDir = path.resolve(sandbox.exerciseDir, "..", "..", "..");
    expect(granted(sandbox.mainFlags, "write")).toEqual([runDir]);
  });
});

describe("what an exercise may ask of the sandbox", () => {
  test("10 asks for worker threads and 11 for temporary files; no other exercise asks for anything", () => {
    const asked = Object.fromEntries(listExercises().map((id) => [id, exerciseGrants(exerciseDir(id))]));
    expect(Object.entries(asked).filter(([, grants]) => grants.length > 0)).toEqual([
      ["10-worker-parallelism", ["workers"]],
      ["11-pitfalls", ["temp-files"]],
    ]);
  });

  test("workers and temporary files are granted to the test processes, and only what was asked", () => {
    const workers = sandboxOf("10-worker-parallelism").vitestFlags;
    expect(workers).toContain("--execArgv=--allow-worker");
    expect(workers.filter((f) => f.includes("--allow-fs-write"))).toEqual([]);
    const files = sandboxOf("11-pitfalls").vitestFlags;
    expect(files).not.toContain("--execArgv=--allow-worker");
    expect(files.filter((f) => f.includes("--allow-fs-write")).map((f) => path.basename(f))).toEqual(["tmp"]);
  });

  test("an unknown grant is an error of the course that names the file", () => {
    const dir = mkdtempSync(path.join(work, "99-unknown-"));
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ course: { sandbox: ["network"] } }));
    expect(() => exerciseGrants(dir)).toThrow(/package\.json: course\.sandbox must list some of workers, temp-files/);
  });
});

describe("a run whose temporary folder is reached through a link", () => {
  // As on macOS, whose temporary folders are under /var, a link to /private/var.
  test.runIf(process.platform !== "win32")(
    "runs as well as any other (the permission model grants paths as written)",
    async () => {
      const real = path.join(work, "real-tmp");
      const linked = path.join(work, "linked-tmp");
      mkdirSync(real);
      symlinkSync(real, linked);
      const before = process.env.TMPDIR;
      process.env.TMPDIR = linked;
      try {
        const fixture = path.join(import.meta.dirname, "fixtures", "course");
        const run = await runTests({
          exerciseDir: path.join(fixture, "exercises", "01-answer"),
          srcDirs: [path.join(fixture, "solutions", "01-answer", "src")],
        });
        expect(run.end, run.output).toEqual({ kind: "completed" });
        expect(run.results.map((r) => r.state)).toEqual(["pass", "pass", "pass"]);
      } finally {
        if (before === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = before;
      }
    },
    60_000,
  );
});

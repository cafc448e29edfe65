// What a run of student code may touch, in two layers (grader/README.md,
// "The sandbox", says what each does not cover):
//
// - Files, everywhere: Node's permission model, on vitest's own process and,
//   narrower, on the processes that run the tests (and so the student's code).
//   They read only the run's copy of the exercise, the submission's staged
//   src/, the test kit and the packages the tests use, and write nothing but
//   their own folder. The run works on a copy of the exercise beside a
//   node_modules of links to exactly those packages: the course's own
//   node_modules also links every workspace, solutions/ included, and the
//   permission model follows links.
// - Processes, on Linux where `unshare` works: the run is PID 1 of a PID
//   namespace of its own. It sees no other process, can signal none, and
//   when it ends the kernel ends everything it started, detached or not.
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { courseRoot } from "../exercises.ts";

/** What an exercise may ask of the sandbox, in its package.json: `"course": { "sandbox": [...] }`. */
const GRANTS = {
  /** Worker threads (exercise 10 runs a pool of them). */
  workers: "start worker threads",
  /** Files in a temporary folder of the run's own (exercise 11 writes and reads real files). */
  "temp-files": "read and write files in the run's temporary folder",
} as const;
type Grant = keyof typeof GRANTS;

/** The grants an exercise declares; an unknown one is an error in the course, said as such. */
export function exerciseGrants(exerciseDir: string): Grant[] {
  let declared: unknown;
  try {
    declared = (JSON.parse(readFileSync(path.join(exerciseDir, "package.json"), "utf8")) as { course?: { sandbox?: unknown } }).course?.sandbox;
  } catch {
    return [];
  }
  if (declared === undefined) return [];
  const known = Object.keys(GRANTS);
  if (!Array.isArray(declared) || declared.some((g) => !known.includes(g as string))) {
    throw new Error(`${path.basename(exerciseDir)}/package.json: course.sandbox must list some of ${known.join(", ")}`);
  }
  return declared as Grant[];
}

interface SandboxOptions {
  /** The pristine exercise. */
  exerciseDir: string;
  /**
   * Other exercises of the same course run in the same vitest (a batch, see
   * batch.ts), copied beside it. They must ask exactly the grants `grants` are.
   */
  batchedWith?: readonly string[];
  /** The folders laid over its src/ (staged copies). */
  overlays: readonly string[];
  /** The run's own folder, deleted after it. */
  runDir: string;
  grants: readonly Grant[];
  /** The run's memory limit: each test process's JavaScript heap gets at most half of it. */
  memoryMb: number;
}

interface Sandbox {
  /** The run's copy of the exercise: what vitest runs. */
  exerciseDir: string;
  /** The run's copy of the course: the root of a batch's run. */
  courseDir: string;
  /** The test processes' Node flags, as `vitestFlags` passes them (a batch's projects set them themselves). */
  testFlags: string[];
  /** Node flags for vitest's own process. */
  mainFlags: string[];
  /** vitest flags that give the test processes their (narrower) Node flags. */
  vitestFlags: string[];
  /** Environment of the run, on top of the grader's allow-list. */
  env: Record<string, string>;
  /** The command that runs `node …` in the run's own PID namespace, when the system has one. */
  wrap(command: string, args: string[]): { command: string; args: string[] };
}

/** Files some tools look for wherever they are, and fail on a refusal instead of a miss; nothing lives there. */
const PROBED = [
  // vite: is this WSL?
  "/proc/sys/fs/binfmt_misc/WSLInterop",
  "/run/WSL",
  // ESLint, run by exercise 11's tests with the file system's root as its cwd.
  path.join(path.parse(courseRoot).root, ".eslintignore"),
  path.join(path.parse(courseRoot).root, ".eslintcache"),
];

/** `dir`'s real path (a prefix grant keeps its `*`); itself when it does not exist. */
function realOrSelf(dir: string): string {
  const star = dir.endsWith("*") ? "*" : "";
  try {
    return realpathSync.native(star ? dir.slice(0, -1) : dir) + star;
  } catch {
    return dir;
  }
}

/**
 * Node 22.12 still spells it --experimental-permission. Without Node's
 * warning that each --allow-… "could invalidate the permission model": the
 * run's output is kept for a crash's diagnosis, and that is noise there.
 */
function permissionFlags(): string[] {
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  return [major > 22 || (major === 22 && minor >= 13) ? "--permission" : "--experimental-permission", "--disable-warning=SecurityWarning"];
}

const link = (target: string, at: string) => symlinkSync(target, at, process.platform === "win32" ? "junction" : "dir");

/**
 * A node_modules of links to the course's packages, without its workspace
 * links but the test kit's. Returns the real folders linked, to be granted.
 */
function linkPackages(from: string, to: string): string[] {
  const real: string[] = [];
  const grant = (dir: string) => real.push(asPrefix(dir));
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    if (name.startsWith(".")) continue; // .bin, .cache, .vite…: nothing a run imports.
    const entry = path.join(from, name);
    if (name.startsWith("@")) {
      const inner = readdirSync(entry);
      const isLink = (n: string) => lstatSync(path.join(entry, n)).isSymbolicLink();
      if (!inner.some(isLink)) {
        // A scope of packages only (@types…): linked and granted whole, as tools look into the scope itself.
        link(entry, path.join(to, name));
        grant(entry);
        continue;
      }
      mkdirSync(path.join(to, name));
      for (const n of inner) {
        const full = path.join(entry, n);
        // A workspace: only the test kit belongs in a run (never a solution).
        if (isLink(n) && !(name === "@course" && n === "testkit")) continue;
        if (!lstatSync(realpathSync(full)).isDirectory()) continue;
        link(realpathSync(full), path.join(to, name, n));
        real.push(realpathSync(full));
      }
    } else if (!lstatSync(entry).isSymbolicLink() && lstatSync(entry).isDirectory()) {
      link(entry, path.join(to, name));
      grant(entry);
    }
  }
  return real;
}

/**
 * A grant of `dir` as a prefix (`dir*`), when no link beside it starts with
 * its name. Node 24 refuses a granted folder itself (its contents are fine)
 * when another grant shares the start of its name: granted `…/@types` and
 * `…/@typescript-eslint`, a stat of `…/@types` is refused, and TypeScript
 * then finds no types. `…/@types*` is not refused.
 */
function asPrefix(dir: string): string {
  const name = path.basename(dir);
  const parent = path.dirname(dir);
  const linkBeside = readdirSync(parent).some((n) => n !== name && n.startsWith(name) && lstatSync(path.join(parent, n)).isSymbolicLink());
  return linkBeside ? dir : `${dir}*`;
}

/**
 * Lays out the run's copy of the course (the exercise, the root's package.json
 * and tsconfig.base.json, a node_modules of links) in `runDir`, and the flags
 * that confine vitest and its test processes to it.
 */
export function buildSandbox({ exerciseDir, batchedWith = [], overlays, runDir, grants, memoryMb }: SandboxOptions): Sandbox {
  const ownRoot = path.resolve(exerciseDir, "..", "..");
  const course = path.join(runDir, "course");
  const exercise = path.join(course, "exercises", path.basename(exerciseDir));
  for (const dir of [exerciseDir, ...batchedWith]) {
    if (path.resolve(dir, "..", "..") !== ownRoot) throw new Error(`a batch runs exercises of one course: ${dir} is not beside ${exerciseDir}`);
    const denied = exerciseGrants(dir).filter((g) => !grants.includes(g));
    if (denied.length > 0 || exerciseGrants(dir).length !== grants.length)
      throw new Error(`${path.basename(dir)} asks other sandbox grants than its batch (${grants.join(", ") || "none"})`);
    cpSync(dir, path.join(course, "exercises", path.basename(dir)), {
      recursive: true,
      filter: (source) => path.basename(source) !== "node_modules",
    });
  }
  // The root's settings: package.json copied (vite stops looking for a
  // workspace root there), tsconfig.base.json as an `extends` of the original,
  // whose own `extends`, if any, resolve where they were written.
  const rootPackage = [ownRoot, courseRoot].map((root) => path.join(root, "package.json")).find((f) => existsSync(f));
  if (rootPackage) copyFileSync(rootPackage, path.join(course, "package.json"));
  const baseSettings = [ownRoot, courseRoot].map((root) => path.join(root, "tsconfig.base.json")).filter((f) => existsSync(f));
  if (baseSettings[0]) writeFileSync(path.join(course, "tsconfig.base.json"), JSON.stringify({ extends: baseSettings[0] }));
  const packages = linkPackages(path.join(courseRoot, "node_modules"), path.join(course, "node_modules"));

  const vitestTmp = path.join(runDir, "vitest");
  const testTmp = path.join(runDir, "tmp");
  mkdirSync(vitestTmp, { recursive: true });
  mkdirSync(testTmp, { recursive: true });
  // Each path as given and, where it goes through a link, as its real path too:
  // the permission model compares paths as written, and tools resolve links.
  const reads = (dirs: readonly string[]) => [...new Set(dirs.flatMap((dir) => [dir, realOrSelf(dir)]))].map((dir) => `--allow-fs-read=${dir}`);
  // Both read the copy, the packages, the submission and the transformed
  // modules vitest hands its test processes (written to its temporary folder).
  // Beside a staged src/: the settings it is compiled with (grade/stage.ts).
  const besideOverlays = overlays.flatMap((dir) => ["tsconfig.json", "package.json"].map((f) => path.join(dir, "..", f)));
  const shared = [course, ...packages, ...overlays, ...besideOverlays, ...baseSettings, vitestTmp, compileCacheDir(runDir), ...PROBED];
  const main = [
    ...permissionFlags(),
    "--allow-child-process", // its test processes
    "--allow-addons", // vite's transform (rolldown) is native code
    // Its reporter is the grader's (ipc-reporter.ts), compiled with the grader's settings.
    ...reads([...shared, runDir, path.join(courseRoot, "grader"), ...["package.json", "tsconfig.base.json"].map((f) => path.join(courseRoot, f))]),
    `--allow-fs-write=${runDir}`,
  ];
  // A heap past it ends the test process at once (a crash the report names),
  // before the run's memory limit, which covers buffers and every process.
  const tests = [...permissionFlags(), ...reads(shared), `--max-old-space-size=${Math.floor(memoryMb / 2)}`];
  if (grants.includes("workers")) tests.push("--allow-worker");
  if (grants.includes("temp-files")) tests.push(...reads([testTmp]), `--allow-fs-write=${testTmp}`);

  const prefix = pidNamespacePrefix();
  return {
    exerciseDir: exercise,
    courseDir: course,
    testFlags: tests,
    mainFlags: main,
    vitestFlags: tests.map((flag) => `--execArgv=${flag}`),
    // vitest keeps its transformed modules in os.tmpdir(); the tests get a
    // temporary folder of their own (the kit's config passes it on), so that
    // code under test can never rewrite what vitest hands the next test file.
    env: { TMPDIR: vitestTmp, TMP: vitestTmp, TEMP: vitestTmp, COURSE_TEST_TMPDIR: testTmp },
    wrap: (command, args) => (prefix.length > 0 ? { command: prefix[0]!, args: [...prefix.slice(1), command, ...args] } : { command, args }),
  };
}

/**
 * Where a run keeps its copy of Node's compile cache (see run-tests.ts): read
 * by every process of the run, so that the test processes start as fast as
 * vitest's own; what they would add to it is refused, and thrown away anyway.
 */
export const compileCacheDir = (runDir: string) => path.join(runDir, "compile-cache");

let namespacePrefix: string[] | undefined;

/**
 * How to start a process as PID 1 of a new PID namespace (with /proc showing
 * only it): `unshare` as root, or in a user namespace of its own where the
 * system allows unprivileged ones; none elsewhere (macOS, Windows, a locked-down
 * Linux). Probed once.
 */
function pidNamespacePrefix(): string[] {
  if (namespacePrefix) return namespacePrefix;
  namespacePrefix = [];
  if (process.platform !== "linux" || process.env.COURSE_SANDBOX_PID === "off") return namespacePrefix;
  const base = ["--pid", "--fork", "--mount-proc", "--kill-child"];
  for (const extra of [[], ["--user", "--map-root-user"]]) {
    const args = [...extra, ...base, "--", "true"];
    const probe = spawnSync("unshare", args, { stdio: "ignore", timeout: 5_000 });
    if (probe.status === 0) {
      namespacePrefix = ["unshare", ...extra, ...base, "--"];
      break;
    }
  }
  return namespacePrefix;
}

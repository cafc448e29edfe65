// The course check's shape rules (src/course-check/shape/), each broken in a
// scratch copy of the course (a temporary folder holding the model, exercise
// 02, and the exercise under test): the check must name the file.
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { courseRoot, listExercises, listVariants } from "../src/exercises.ts";
import { shapeFindings, shapeProblems } from "../src/course-check/shape/index.ts";
import { wrongWayHeader } from "../src/course-check/shape/solution.ts";
import { parseWrongWay, readWrongWay } from "../src/wrong-ways/wrong-way.ts";

const work = mkdtempSync(path.join(tmpdir(), "grader-shape-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const MODEL = "02-concurrent-requests";
let copies = 0;

/** A scratch course: the model and the exercises named, with their solutions (no node_modules, no build output). */
function scratch(...ids: string[]): string {
  const root = path.join(work, String(copies++));
  for (const id of new Set([MODEL, ...ids])) {
    for (const side of ["exercises", "solutions"]) {
      cpSync(path.join(courseRoot, side, id), path.join(root, side, id), {
        recursive: true,
        filter: (source) => !/(^|[/\\])(node_modules|\.[^/\\]+)$/.test(source),
      });
    }
  }
  return root;
}

function edit(root: string, file: string, change: (text: string) => string): void {
  const full = path.join(root, file);
  const before = readFileSync(full, "utf8");
  const after = change(before);
  expect(after, `the test's edit of ${file} changed nothing`).not.toBe(before);
  writeFileSync(full, after);
}

/** A package.json as the tests edit it. */
interface PackageJson {
  name: string;
  description?: string;
  type: string;
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
  course: { given?: string[]; sandbox?: string[]; [field: string]: unknown };
}

const editJson = (root: string, file: string, change: (json: PackageJson) => void) =>
  edit(root, file, (text) => {
    const json = JSON.parse(text) as PackageJson;
    change(json);
    return `${JSON.stringify(json, null, 2)}\n`;
  });

/** What the course check prints for the exercise: "<file> <message>" per problem. */
const problems = (root: string, id: string) => shapeProblems(id, root).map((p) => `${p.file} ${p.message}`);

describe("the course as it stands", () => {
  test.each(listExercises())("%s has the shape CONTRIBUTING.md describes", (id) => {
    expect(problems(courseRoot, id)).toEqual([]);
  });

  test("a scratch copy of an exercise has it too (the copy is what the other tests break)", () => {
    const root = scratch("05-semaphore");
    expect(problems(root, "05-semaphore")).toEqual([]);
    expect(problems(root, MODEL)).toEqual([]);
  });
});

describe("the three breakages of issue 14, each named by its file", () => {
  test("a HINTS section deleted: the count differs from the task's steps", () => {
    const root = scratch("05-semaphore");
    edit(root, "exercises/05-semaphore/HINTS.md", (text) => text.replace(/## 6\.[\s\S]*$/, ""));
    expect(problems(root, "05-semaphore")).toEqual([
      `exercises/05-semaphore/HINTS.md has 5 \`## N.\` section(s), but the README's "Your task" has 6 step(s): one section per step, in the same order`,
    ]);
  });

  test("a // TODO: removed from a stub", () => {
    const root = scratch("05-semaphore");
    edit(root, "exercises/05-semaphore/src/map-concurrent.ts", (text) => text.replace(/^\s*\/\/ TODO:.*\n/m, ""));
    expect(problems(root, "05-semaphore")).toEqual([
      "exercises/05-semaphore/src/map-concurrent.ts has no `// TODO:` line: a stub says where to start, in one `// TODO:` line (or, if the contract gives this file, list it in course.given)",
    ]);
  });

  test("an exercise's vitest.config.ts edited", () => {
    const root = scratch("05-semaphore");
    edit(root, "exercises/05-semaphore/vitest.config.ts", (text) =>
      text.replace("exerciseConfig(import.meta.dirname)", "{ ...exerciseConfig(import.meta.dirname), test: { retry: 2 } }"),
    );
    const [problem, ...rest] = problems(root, "05-semaphore");
    expect(rest).toEqual([]);
    expect(problem).toMatch(
      /^exercises\/05-semaphore\/vitest\.config\.ts differs from the model, exercises\/02-concurrent-requests\/vitest\.config\.ts, at line 3 .*: copy it unchanged$/,
    );
  });

  test("the course check prints them as failing lines of the exercise, and one passing line when the shape holds", () => {
    const root = scratch("05-semaphore");
    expect(shapeFindings("05-semaphore", root)).toEqual([{ ok: true, subject: "shape", detail: expect.stringContaining("CONTRIBUTING.md") }]);
    edit(root, "exercises/05-semaphore/HINTS.md", (text) => text.replace(/## 6\.[\s\S]*$/, ""));
    edit(root, "exercises/05-semaphore/tsconfig.json", (text) => text.replace('"test", ', ""));
    const findings = shapeFindings("05-semaphore", root);
    expect(findings.map((f) => [f.ok, f.subject])).toEqual([
      [false, "shape"],
      [false, "shape"],
    ]);
    expect(findings[0]!.detail).toMatch(/^exercises\/05-semaphore\/HINTS\.md has 5/);
    expect(findings[1]!.detail).toMatch(/^exercises\/05-semaphore\/tsconfig\.json differs from the model/);
  });
});

describe("README.md: idea → worked example → task → recap, a Python table, a numbered task", () => {
  const README = "exercises/05-semaphore/README.md";

  test("missing", () => {
    const root = scratch("05-semaphore");
    rmSync(path.join(root, README));
    expect(problems(root, "05-semaphore")).toContain(
      `${README} is missing: the lesson lives there (idea → worked example → task → recap, CONTRIBUTING.md)`,
    );
  });

  test.each(["## The idea", "## Your task", "## Recap"])("without its %s section", (title) => {
    const root = scratch("05-semaphore");
    edit(root, README, (text) => text.replace(new RegExp(`^${title}$`, "m"), `## Something else`));
    expect(problems(root, "05-semaphore")).toContainEqual(expect.stringMatching(new RegExp(`^${README} has no "${title}" section: the lesson goes`)));
  });

  test("with its sections out of order", () => {
    const root = scratch("05-semaphore");
    edit(root, README, (text) => {
      const recap = text.slice(text.indexOf("## Recap"));
      return text.replace(recap, "").replace("## The idea", `${recap.trimEnd()}\n\n## The idea`);
    });
    expect(problems(root, "05-semaphore")).toEqual([
      `${README} its sections are out of order: the lesson goes "## The idea" → "## Your task" → "## Recap" (CONTRIBUTING.md)`,
    ]);
  });

  test("without a worked example (no TypeScript shown before the task)", () => {
    const root = scratch("05-semaphore");
    edit(root, README, (text) => {
      const task = text.indexOf("## Your task");
      return text.slice(0, task).replace(/```(ts|typescript)\b/g, "```text") + text.slice(task);
    });
    expect(problems(root, "05-semaphore")).toEqual([
      `${README} has no worked example before "## Your task": show the idea in a \`\`\`ts code block first (idea → worked example → task → recap, CONTRIBUTING.md)`,
    ]);
  });

  test("without its Coming from Python? section, or with one that has no table", () => {
    const root = scratch("05-semaphore");
    edit(root, README, (text) => text.replace("### Coming from Python?", "### Elsewhere"));
    expect(problems(root, "05-semaphore")).toEqual([
      `${README} has no "### Coming from Python?" section: a table naming the asyncio idea each TypeScript one mirrors (CONTRIBUTING.md)`,
    ]);

    const other = scratch("05-semaphore");
    edit(other, README, (text) => text.replace(/^\|.*\n/gm, ""));
    expect(problems(other, "05-semaphore")).toEqual([
      expect.stringMatching(new RegExp(`^${README} its "Coming from Python\\?" section \\(line \\d+\\) has no table`)),
    ]);
  });

  test("with a task that is not a numbered list, or numbered out of order", () => {
    const root = scratch("05-semaphore");
    edit(root, README, (text) => text.replace(/^(\d+)\. /gm, "- "));
    // HINTS.md then has more sections than the task has steps: both are said.
    expect(problems(root, "05-semaphore")).toEqual([
      expect.stringMatching(new RegExp(`^${README} its "## Your task" \\(line \\d+\\) has no numbered list`)),
      `exercises/05-semaphore/HINTS.md has 6 \`## N.\` section(s), but the README's "Your task" has 0 step(s): one section per step, in the same order`,
    ]);

    const other = scratch("05-semaphore");
    edit(other, README, (text) => text.replace(/^3\. /m, "4. "));
    expect(problems(other, "05-semaphore")).toEqual([
      `${README} its "## Your task" steps are numbered 1, 2, 4, 4, 5, 6: number them 1, 2, 3… (HINTS.md's sections follow them)`,
    ]);
  });

  test("a heading inside a code block is not a section", () => {
    const root = scratch("05-semaphore");
    edit(root, README, (text) => text.replace("## Recap", "```md\n## Recap\n```"));
    expect(problems(root, "05-semaphore")).toContainEqual(expect.stringMatching(new RegExp(`^${README} has no "## Recap" section`)));
  });
});

describe("HINTS.md: one ## N. section per step, hints in <details>", () => {
  const HINTS = "exercises/05-semaphore/HINTS.md";

  test("missing", () => {
    const root = scratch("05-semaphore");
    rmSync(path.join(root, HINTS));
    expect(problems(root, "05-semaphore")).toEqual([`${HINTS} is missing: one \`## N.\` section of hints per step of the task (CONTRIBUTING.md)`]);
  });

  test("one section too many", () => {
    const root = scratch("05-semaphore");
    // A title is not needed to count (the course runner reads "## 7." alone as a step too).
    appendFileSync(path.join(root, HINTS), "\n## 7.\n\n<details><summary>Hint 1</summary>\n\nMore.\n</details>\n");
    expect(problems(root, "05-semaphore")).toEqual([
      `${HINTS} has 7 \`## N.\` section(s), but the README's "Your task" has 6 step(s): one section per step, in the same order`,
    ]);
  });

  test("sections numbered out of order", () => {
    const root = scratch("05-semaphore");
    edit(root, HINTS, (text) => text.replace("## 2.", "## 3."));
    expect(problems(root, "05-semaphore")).toEqual([
      `${HINTS} its sections are numbered 1, 3, 3, 4, 5, 6: number them 1, 2, 3…, as the task's steps`,
    ]);
  });

  test("a section without a <details> hint", () => {
    const root = scratch("05-semaphore");
    edit(root, HINTS, (text) =>
      text.replace(/(## 6\.[\s\S]*)$/, (section) => section.replace(/<\/?details>/g, "").replace(/<summary>.*<\/summary>/g, "")),
    );
    expect(problems(root, "05-semaphore")).toEqual([
      expect.stringMatching(new RegExp(`^${HINTS} its section "## 6\\." \\(line \\d+\\) has no hint: each hint is a <details> block`)),
    ]);
  });
});

describe("src/: stubs with one // TODO: and a throw naming their file, index.ts re-exports only", () => {
  const STUB = "exercises/05-semaphore/src/map-concurrent.ts";

  test("a stub with two // TODO: lines", () => {
    const root = scratch("05-semaphore");
    edit(root, STUB, (text) => text.replace(/^(\s*)(\/\/ TODO:.*)$/m, "$1$2\n$1// TODO: and another thing"));
    expect(problems(root, "05-semaphore")).toEqual([
      `${STUB} has 2 \`// TODO:\` lines: a stub has exactly one, the one place to start (what each part does belongs in its doc comment)`,
    ]);
  });

  test("a stub that does not throw", () => {
    const root = scratch("05-semaphore");
    edit(root, STUB, (text) => text.replace(/throw new Error\(".*?"\);/, "return [];"));
    expect(problems(root, "05-semaphore")).toEqual([
      expect.stringMatching(
        new RegExp(`^${STUB} has no stub that throws: each unwritten function throws new Error\\("TODO: implement X in src/map-concurrent.ts"\\)`),
      ),
    ]);
  });

  test("a stub whose error names another file, or does not say what to implement", () => {
    const root = scratch("05-semaphore");
    edit(root, STUB, (text) => text.replace("in src/map-concurrent.ts", "in src/semaphore.ts"));
    expect(problems(root, "05-semaphore")).toEqual([
      expect.stringMatching(new RegExp(`^${STUB} throws ".*", which names src/semaphore.ts: name this file, src/map-concurrent.ts$`)),
    ]);

    const other = scratch("05-semaphore");
    edit(other, STUB, (text) => text.replace(/throw new Error\("TODO: .*?"\)/, 'throw new Error("TODO: later")'));
    expect(problems(other, "05-semaphore")).toEqual([
      `${STUB} throws "TODO: later": say "TODO: implement X in src/map-concurrent.ts" (npm run demo reads what is not written yet from it)`,
    ]);
  });

  test("01's predictions may be data without a throw; the same stub elsewhere may not", () => {
    const root = scratch("01-event-loop", "05-semaphore");
    expect(problems(root, "01-event-loop")).toEqual([]);
    edit(root, STUB, (text) => text.replace(/throw new Error\(".*?"\);/, "return [];"));
    expect(problems(root, "05-semaphore")).toHaveLength(1);
  });

  test("index.ts that holds more than re-exports, or re-exports a missing file", () => {
    const root = scratch("05-semaphore");
    const INDEX = "exercises/05-semaphore/src/index.ts";
    appendFileSync(path.join(root, INDEX), "export const LIMIT = 4;\n");
    expect(problems(root, "05-semaphore")).toEqual([
      `${INDEX} re-exports the public names and nothing else, but holds \`export const LIMIT = 4\`: move it to a file of its own`,
    ]);

    const other = scratch("05-semaphore");
    appendFileSync(path.join(other, INDEX), '// a comment is fine\nexport {\n  type Gone,\n} from "./gone.ts";\n');
    expect(problems(other, "05-semaphore")).toEqual([`${INDEX} re-exports from ./gone.ts, which is not in src/`]);
  });
});

describe("test/: the code comes in through ../src/index.ts", () => {
  test("a test or a test helper importing a file of src/ directly", () => {
    const root = scratch("05-semaphore");
    appendFileSync(
      path.join(root, "exercises/05-semaphore/test/semaphore.test.ts"),
      'import { Semaphore as S } from "../src/semaphore.ts";\nvoid S;\n',
    );
    appendFileSync(path.join(root, "exercises/05-semaphore/test/helpers.ts"), 'export const late = () => import("../src/map-concurrent.ts");\n');
    expect(problems(root, "05-semaphore")).toEqual([
      "exercises/05-semaphore/test/helpers.ts imports ../src/map-concurrent.ts: tests import the code from ../src/index.ts only (the public names), helpers from @course/testkit",
      "exercises/05-semaphore/test/semaphore.test.ts imports ../src/semaphore.ts: tests import the code from ../src/index.ts only (the public names), helpers from @course/testkit",
    ]);
  });
});

describe("given files: listed in course.given, each one there and saying so", () => {
  test("a file with a /** Given: */ doc that course.given does not list", () => {
    const root = scratch();
    editJson(root, `exercises/${MODEL}/package.json`, (json) => {
      json.course.given = ["demo.ts"];
    });
    // Unlisted, it is a student file: it has no TODO, no throw, and a Given doc.
    expect(problems(root, MODEL)).toEqual([
      expect.stringMatching(/^exercises\/02-concurrent-requests\/src\/http-error\.ts has no `\/\/ TODO:` line/),
      `exercises/${MODEL}/src/http-error.ts has a \`/** Given: … */\` doc but is not listed in course.given (package.json): list it, or drop the doc if the student writes it`,
      expect.stringMatching(/^exercises\/02-concurrent-requests\/src\/http-error\.ts has no stub that throws/),
    ]);
  });

  test("a listed file that does not exist, or has no Given doc", () => {
    const root = scratch();
    editJson(root, `exercises/${MODEL}/package.json`, (json) => {
      json.course.given!.push("src/gone.ts");
    });
    edit(root, `exercises/${MODEL}/src/http-error.ts`, (text) => text.replace("/** Given: ", "/** "));
    expect(problems(root, MODEL)).toEqual([
      `exercises/${MODEL}/src/http-error.ts is listed in course.given but has no \`/** Given: … */\` doc comment: say what it gives and that the student does not write it`,
      `exercises/${MODEL}/package.json course.given lists src/gone.ts, which does not exist`,
    ]);
  });

  test("a .ts file beside the configs that course.given does not list (10's demo-task.ts is listed)", () => {
    const root = scratch("10-worker-parallelism");
    expect(problems(root, "10-worker-parallelism")).toEqual([]);
    writeFileSync(path.join(root, "exercises", MODEL, "helper.ts"), "export {};\n");
    expect(problems(root, MODEL)).toEqual([
      `exercises/${MODEL}/helper.ts is not listed in course.given (package.json): a file beside the exercise's configs is given (demo.ts) or does not belong there`,
    ]);
  });
});

describe("package.json and configs: the model's (02), but for what allowed.ts names", () => {
  const PACKAGE = "exercises/05-semaphore/package.json";

  test("a tsconfig.json that differs from the model's", () => {
    const root = scratch("05-semaphore");
    edit(root, "exercises/05-semaphore/tsconfig.json", (text) => text.replace("}", ', "compilerOptions": { "strict": false }\n}'));
    expect(problems(root, "05-semaphore")).toEqual([
      expect.stringMatching(
        /^exercises\/05-semaphore\/tsconfig\.json differs from the model, exercises\/02-concurrent-requests\/tsconfig\.json, at line 4 \(", \\"compilerOptions\\": \{ \\"strict\\": false \}" where the model has "\}"\): copy it unchanged$/,
      ),
    ]);
  });

  test("a config that differs only in its last newline, or ends early", () => {
    const root = scratch("05-semaphore");
    edit(root, "exercises/05-semaphore/vitest.config.ts", (text) => text.trimEnd());
    edit(root, "exercises/05-semaphore/tsconfig.json", (text) => text.replace(/}\s*$/, ""));
    expect(problems(root, "05-semaphore")).toEqual([
      'exercises/05-semaphore/tsconfig.json differs from the model, exercises/02-concurrent-requests/tsconfig.json, at line 4 (nothing where the model has "}"): copy it unchanged',
      "exercises/05-semaphore/vitest.config.ts differs from the model, exercises/02-concurrent-requests/vitest.config.ts, only in the newline at its end: copy it unchanged",
    ]);
  });

  test("a script added, changed or missing, and a wrong name", () => {
    const root = scratch("05-semaphore");
    editJson(root, PACKAGE, (json) => {
      json.scripts.check = "vitest run";
      json.name = "@course/semaphore";
    });
    expect(problems(root, "05-semaphore")).toEqual([
      `${PACKAGE} has "name": "@course/semaphore" where the model's shape needs "@course/exercise-05-semaphore"`,
      expect.stringMatching(new RegExp(`^${PACKAGE} has "scripts": .*"check":"vitest run".* where the model's shape needs`)),
    ]);

    const other = scratch("05-semaphore");
    editJson(other, PACKAGE, (json) => {
      json.scripts.test = "vitest";
    });
    expect(problems(other, "05-semaphore")).toEqual([
      expect.stringMatching(
        new RegExp(`^${PACKAGE} has "scripts": .*"test":"vitest".* where the model's shape needs .*"test":"node ../../scripts/vitest.cjs run"`),
      ),
    ]);
  });

  test("demo.ts goes with its demo script and its place in course.given (from 02 on; 01 has none)", () => {
    const root = scratch("01-event-loop", "05-semaphore");
    rmSync(path.join(root, "exercises/05-semaphore/demo.ts"));
    expect(problems(root, "05-semaphore")).toEqual([
      `${PACKAGE} course.given lists demo.ts, which does not exist`,
      expect.stringMatching(new RegExp(`^${PACKAGE} has "scripts": .*"demo".* where the model's shape needs`)),
      "exercises/05-semaphore/demo.ts is missing: from 02 on, an exercise has a demo (npm run demo) telling its story with the student's code (CONTRIBUTING.md)",
    ]);

    const other = scratch("05-semaphore");
    editJson(other, PACKAGE, (json) => {
      json.course.given = [];
    });
    expect(problems(other, "05-semaphore")).toEqual([
      `exercises/05-semaphore/demo.ts is not listed in course.given (package.json): a file beside the exercise's configs is given (demo.ts) or does not belong there`,
    ]);
  });

  test("course.sandbox: only the grants allowed.ts names, for their exercise", () => {
    const root = scratch("05-semaphore", "10-worker-parallelism");
    editJson(root, PACKAGE, (json) => {
      json.course.sandbox = ["workers"];
    });
    expect(problems(root, "05-semaphore")).toEqual([
      expect.stringMatching(new RegExp(`^${PACKAGE} has course.sandbox \\["workers"\\]: every grant opens the sandbox`)),
    ]);
    editJson(root, "exercises/10-worker-parallelism/package.json", (json) => {
      json.course.sandbox = ["workers", "temp-files"];
    });
    expect(problems(root, "10-worker-parallelism")).toEqual([
      expect.stringMatching(
        /^exercises\/10-worker-parallelism\/package\.json has course\.sandbox \["workers","temp-files"\], but 10-worker-parallelism is allowed exactly \["workers"\]/,
      ),
    ]);
  });

  test("no description, another module type, no course.given; a solution's package.json that is not JSON", () => {
    const root = scratch("05-semaphore");
    editJson(root, PACKAGE, (json) => {
      json.description = " ";
      json.type = "commonjs";
      delete json.course.given;
    });
    writeFileSync(path.join(root, "solutions/05-semaphore/package.json"), "{ name: 05 }\n");
    expect(problems(root, "05-semaphore")).toEqual([
      // Without course.given, demo.ts is not given either.
      `exercises/05-semaphore/demo.ts is not listed in course.given (package.json): a file beside the exercise's configs is given (demo.ts) or does not belong there`,
      `${PACKAGE} has no description: one line saying what the package is`,
      `${PACKAGE} has "type": "commonjs" where the model's shape needs "module"`,
      `${PACKAGE} has no course.given list: the files the contract gives, e.g. ["src/http-error.ts", "demo.ts"]`,
      expect.stringMatching(/^solutions\/05-semaphore\/package\.json is not valid JSON: /),
    ]);
  });

  test("a field course does not know", () => {
    const root = scratch("05-semaphore");
    editJson(root, PACKAGE, (json) => {
      json.course.givn = [];
    });
    expect(problems(root, "05-semaphore")).toEqual([`${PACKAGE} has course.givn, which nothing reads: course holds only given and sandbox`]);
  });

  test("the solution's package.json and vitest.config.ts", () => {
    const root = scratch("05-semaphore");
    editJson(root, "solutions/05-semaphore/package.json", (json) => {
      json.scripts["test:watch"] = "vitest";
      json.devDependencies["@course/exercise-02-concurrent-requests"] = "*";
      delete json.devDependencies["@course/exercise-05-semaphore"];
    });
    edit(root, "solutions/05-semaphore/vitest.config.ts", (text) => `${text}// extra\n`);
    expect(problems(root, "05-semaphore")).toEqual([
      expect.stringMatching(/^solutions\/05-semaphore\/package\.json has "scripts": .*"test:watch".* where the model's shape needs/),
      expect.stringMatching(
        /^solutions\/05-semaphore\/package\.json has "devDependencies": .* where the model's shape needs .*"@course\/exercise-05-semaphore":"\*"/,
      ),
      expect.stringMatching(
        /^solutions\/05-semaphore\/vitest\.config\.ts differs from the model, solutions\/02-concurrent-requests\/vitest\.config\.ts, at line 4 \("\/\/ extra" where the model has nothing\): copy it unchanged$/,
      ),
    ]);
  });
});

describe("solutions: only the student's files, wrong ways with their header", () => {
  test("a reference or an alternative holding a file the exercise gives", () => {
    const root = scratch("05-semaphore");
    cpSync(path.join(root, "exercises/05-semaphore/src/index.ts"), path.join(root, "solutions/05-semaphore/src/index.ts"));
    cpSync(path.join(root, "exercises/05-semaphore/demo.ts"), path.join(root, "solutions/05-semaphore/alternatives/with-semaphore/demo.ts"));
    expect(problems(root, "05-semaphore")).toEqual([
      "solutions/05-semaphore/src/index.ts is not a file the student writes (map-concurrent.ts, semaphore.ts): given files and index.ts come from the exercise, so this one would never be used",
      "solutions/05-semaphore/alternatives/with-semaphore/demo.ts is not a file the student writes (map-concurrent.ts, semaphore.ts): given files and index.ts come from the exercise, so this one would never be used",
    ]);
  });

  test("a wrong way whose header does not start with Wrong:", () => {
    const root = scratch();
    edit(root, `solutions/${MODEL}/wrong/awaits-in-loop.patch`, (text) => text.replace(/^Wrong: /, "Oops: "));
    expect(problems(root, MODEL)).toEqual([
      `solutions/${MODEL}/wrong/awaits-in-loop.patch its header starts ${JSON.stringify(readFileSync(path.join(root, `solutions/${MODEL}/wrong/awaits-in-loop.patch`), "utf8").slice(0, 40))}: start it with "Wrong:", then what goes wrong (a student whose failures match reads it)`,
    ]);
  });

  test("a wrong way without a header, or without a diff", () => {
    const root = scratch();
    edit(root, `solutions/${MODEL}/wrong/awaits-in-loop.patch`, (text) => text.slice(text.indexOf("--- a/")));
    edit(root, `solutions/${MODEL}/wrong/completion-order.patch`, (text) => text.slice(0, text.indexOf("--- a/")));
    expect(problems(root, MODEL)).toEqual([
      `solutions/${MODEL}/wrong/awaits-in-loop.patch has no header: above the diff, say "Wrong: …", what goes wrong and why a student might write it`,
      `solutions/${MODEL}/wrong/completion-order.patch holds no diff (no "--- a/<file>" line): a wrong way is a patch against the reference's src/`,
    ]);
  });

  test("the header is read as the wrong ways' own reader reads it, for every patch of the course", () => {
    const patches = listExercises().flatMap((id) =>
      listVariants(id, "wrong").map((name) => path.join(courseRoot, "solutions", id, "wrong", `${name}.patch`)),
    );
    expect(patches.length).toBeGreaterThan(0);
    for (const file of patches) expect(wrongWayHeader(readFileSync(file, "utf8")), file).toBe(readWrongWay(file).why);
    const gitStyle = "Wrong: x.\n\ndiff --git a/q.ts b/q.ts\nindex 1..2 100644\n--- a/q.ts\n+++ b/q.ts\n";
    expect(wrongWayHeader(gitStyle)).toBe(parseWrongWay(`${gitStyle}@@ -1 +1 @@\n-a\n+b\n`, "x.patch").why);
  });

  test("a file in wrong/ that is not a patch (the check would never run it)", () => {
    const root = scratch();
    mkdirSync(path.join(root, `solutions/${MODEL}/wrong/draft`));
    writeFileSync(path.join(root, `solutions/${MODEL}/wrong/lifo.diff`), "Wrong: x\n");
    expect(problems(root, MODEL)).toEqual([
      `solutions/${MODEL}/wrong/lifo.diff is not a <name>.patch: the course check runs only patches, so this wrong way would never be checked`,
      `solutions/${MODEL}/wrong/draft is not a <name>.patch: the course check runs only patches, so this wrong way would never be checked`,
    ]);
  });
});

// What grading tells a student beyond the score: an exercise not started is
// one line, failures that match a known wrong way name it, and type errors are
// listed as a warning. One grading of the fixture course (test/fixtures/course)
// with a submission that does each, then every format that shows it.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Ajv } from "ajv";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { formatReport } from "../src/formats/index.ts";
import { gradeCourse, type CourseReport, type GradedExercise } from "../src/grade/grade.ts";
import { rememberMistakeSignatures } from "../src/grade/known-mistakes.ts";
import { isUntouched, shipStubDigests, stubDigests } from "../src/grade/untouched.ts";

const course = path.join(import.meta.dirname, "fixtures", "course");
const stub = (id: string) => path.join(course, "exercises", id);
const work = mkdtempSync(path.join(tmpdir(), "grader-feedback-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ajv = new Ajv({ allErrors: true });
const validateReport = ajv.compile(JSON.parse(readFileSync(path.join(import.meta.dirname, "schemas", "grade-report.schema.json"), "utf8")));

const REJECTS = "answer rejects a negative question with an AnswerError";
const NEVER_REJECTS = "a negative question is answered like any other: nothing rejects it.";

/** 01-answer: right in time and value, but never rejects (the known mistake), and indexing an array (a type error). */
const answerNeverRejects = [
  "export async function answer(question = 1): Promise<number> {",
  "  const answers = [42];",
  "  const chosen: number = answers[question > 0 ? 0 : 0];",
  "  await new Promise((resolve) => setTimeout(resolve, 1000));",
  "  return chosen;",
  "}",
  "",
].join("\n");

function submission(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(work, "submission-"));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

let report: CourseReport;
const exercise = (id: string) => report.exercises.find((e) => e.id === id) as GradedExercise;

beforeAll(async () => {
  // What the course check stores for the fixture's tests (it never runs on the fixture course).
  rememberMistakeSignatures("01-answer", [{ name: "never-rejects", explanation: NEVER_REJECTS, failed: [REJECTS] }], course);
  const dir = submission({
    "01-answer/src/answer.ts": answerNeverRejects,
    // 02-echo: the stub's own file, as a student's untouched copy holds it.
    "02-echo/src/echo.ts": readFileSync(path.join(stub("02-echo"), "src", "echo.ts"), "utf8"),
  });
  report = await gradeCourse({ submission: dir, course, jobs: 2, typecheck: true });
}, 120_000);

describe("an exercise not started", () => {
  test("is marked, keeps its score (0) and every test in the report", () => {
    const echo = exercise("02-echo");
    expect(echo).toMatchObject({ notStarted: true, score: 0, status: "fail" });
    expect(echo.tests.map((t) => t.status)).toEqual(["fail", "fail"]);
    expect(echo.knownMistake).toBeUndefined();
    expect(echo.typeErrors).toBeUndefined();
  });

  test("is one line in pretty, github and markdown, and a field in json", () => {
    const pretty = formatReport(report, "pretty", { color: false });
    expect(pretty).toMatch(/\n {2}02-echo +░{20} +0\/3 {2}not started\n/);
    expect(pretty).not.toContain("echo says the text back");
    const github = formatReport(report, "github", { color: false });
    expect(github).toMatch(/\n {2}02-echo +0\/3 {2}not started\n/);
    expect(github).not.toContain("echo says the text back");
    const markdown = formatReport(report, "markdown", { color: false });
    expect(markdown).toContain("| 02-echo | 0 / 3 | ➖ not started |");
    expect(markdown).not.toContain("02-echo: ");
    const json = JSON.parse(formatReport(report, "json", { color: false }));
    expect(validateReport(json), ajv.errorsText(validateReport.errors)).toBe(true);
    expect(json.exercises[1]).toMatchObject({ id: "02-echo", notStarted: true, score: 0, tests: [{ status: "fail" }, { status: "fail" }] });
  });

  test("is a src/ that changes nothing of the stub's: a changed byte, or a file added, is a start", () => {
    const copy = () => {
      const dir = mkdtempSync(path.join(work, "staged-"));
      cpSync(path.join(stub("01-answer"), "src"), dir, { recursive: true });
      return dir;
    };
    const digests = stubDigests("01-answer", course);
    const untouched = (dir: string | undefined) => isUntouched(dir, stub("01-answer"), digests);
    expect(untouched(undefined)).toBe(true);
    const same = copy();
    expect(untouched(same)).toBe(true);
    rmSync(path.join(same, "index.ts"));
    expect(untouched(same), "a file left out is the stub's").toBe(true);
    const given = copy();
    writeFileSync(path.join(given, "answer-error.ts"), "export class AnswerError extends Error {}\n");
    expect(untouched(given), "a given file is always the original").toBe(true);
    const edited = copy();
    writeFileSync(path.join(edited, "answer.ts"), `${readFileSync(path.join(edited, "answer.ts"), "utf8")} `);
    expect(untouched(edited)).toBe(false);
    const added = copy();
    writeFileSync(path.join(added, "helper.ts"), "export {};\n");
    expect(untouched(added)).toBe(false);
  });

  test("is judged by the stubs' digests a student repository ships, and never guessed without them", () => {
    // A student's repository: exercises/ is their work (here, 01-answer edited), no solutions/.
    const student = mkdtempSync(path.join(work, "student-"));
    cpSync(path.join(course, "exercises"), path.join(student, "exercises"), { recursive: true, filter: (from) => !from.includes("node_modules") });
    writeFileSync(path.join(student, "exercises", "01-answer", "src", "answer.ts"), answerNeverRejects);
    const theirs = path.join(student, "exercises", "01-answer", "src");
    expect(stubDigests("01-answer", student), "without shipped digests, nothing is known").toBeUndefined();
    expect(isUntouched(theirs, stub("01-answer"), stubDigests("01-answer", student))).toBe(false);
    shipStubDigests(["01-answer", "02-echo"], student, course);
    expect(isUntouched(theirs, path.join(student, "exercises", "01-answer"), stubDigests("01-answer", student))).toBe(false);
    const echo = path.join(student, "exercises", "02-echo");
    expect(isUntouched(path.join(echo, "src"), echo, stubDigests("02-echo", student))).toBe(true);
  });
});

describe("failures that match a known wrong way", () => {
  test("name it, with its explanation, and change no score", () => {
    const answer = exercise("01-answer");
    expect(answer.tests.filter((t) => t.status === "fail").map((t) => t.name)).toEqual([REJECTS]);
    expect(answer).toMatchObject({ score: 3, maxScore: 4, status: "fail", knownMistake: { name: "never-rejects", explanation: NEVER_REJECTS } });
    expect(answer.notStarted).toBeUndefined();
  });

  test("are said in pretty, github, markdown and json", () => {
    expect(formatReport(report, "pretty", { color: false })).toContain(`→ These failures match a known mistake (never-rejects): ${NEVER_REJECTS}`);
    expect(formatReport(report, "github", { color: false })).toContain(
      `    note: these failures match a known mistake, never-rejects: ${NEVER_REJECTS}\n    ✗ ${REJECTS}\n`,
    );
    expect(formatReport(report, "markdown", { color: false })).toContain(
      `**These failures match a known mistake** (\` never-rejects \`): ${NEVER_REJECTS}`,
    );
    expect(JSON.parse(formatReport(report, "json", { color: false })).exercises[0].knownMistake).toEqual({
      name: "never-rejects",
      explanation: NEVER_REJECTS,
    });
  });
});

describe("type errors", () => {
  const indexing = "src/answer.ts(3,9): Type 'number | undefined' is not assignable to type 'number'.";

  test("are listed for an exercise the submission changed, as a warning: the score is the tests'", () => {
    const answer = exercise("01-answer");
    expect(answer.typeErrors?.count).toBe(1);
    expect(answer.typeErrors?.errors[0]).toMatch(new RegExp(`^${indexing.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    expect(answer.score).toBe(3);
  });

  test("are shown in pretty and markdown, counted in github (they quote the submission's code), listed in json", () => {
    expect(formatReport(report, "pretty", { color: false })).toContain(
      `      ⚠ 1 type error (a warning: the score does not count them; npm test in the exercise shows them too)\n        ${indexing}`,
    );
    const markdown = formatReport(report, "markdown", { color: false });
    expect(markdown).toContain("| 01-answer | 3 / 4 | ❌ fail, ⚠️ type errors |");
    expect(markdown).toContain(`**1 type error(s)**: a warning, the score does not count them.\n\n\`\`\`text\n${indexing}`);
    const github = formatReport(report, "github", { color: false });
    expect(github).toContain("    note: 1 type error(s), a warning that costs no points (which: see the job summary)\n");
    expect(github).not.toContain("answer.ts");
    expect(github.split("\n").filter((line) => /^\s*(::|##\[)/.test(line))).toHaveLength(2);
    const json = JSON.parse(formatReport(report, "json", { color: false }));
    expect(json.exercises[0]).toMatchObject({ typeErrorCount: 1, typeErrors: [expect.stringContaining(indexing)] });
  });

  test("are not looked for unless asked (the CLI asks; a class's grading need not)", async () => {
    const quiet = await gradeCourse({ submission: submission({ "01-answer/src/answer.ts": answerNeverRejects }), course, exercises: ["01-answer"] });
    expect(quiet.exercises[0]!.typeErrors).toBeUndefined();
    expect(quiet.exercises[0]!.knownMistake?.name).toBe("never-rejects");
  }, 60_000);
});

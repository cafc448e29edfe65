// The solution's folders (CONTRIBUTING.md, `solutions/NN-slug/`): src/ and
// every alternative hold only files the student writes (the given files and
// index.ts always come from the exercise), and every wrong way is a
// `<name>.patch` whose header starts with "Wrong:".
import path from "node:path";
import { entries, readText, shown, type ShapeContext, type ShapeProblem } from "./files.ts";
import { studentFiles } from "./stubs.ts";

/** Only files the student writes: anything else would never be used (the chain takes given files and index.ts from the exercise). */
function onlyStudentFiles(root: string, dir: string, student: readonly string[]): ShapeProblem[] {
  return entries(dir, "file")
    .filter((name) => !student.includes(name))
    .map((name) => ({
      file: shown(root, path.join(dir, name)),
      message: `is not a file the student writes (${student.join(", ")}): given files and index.ts come from the exercise, so this one would never be used`,
    }));
}

/** Where a patch's diff starts, as wrong-ways/wrong-way.ts reads it (a file header, or git's lines before one). */
const DIFF_START = /^(?:--- |diff --git |Index: )/m;

/**
 * A wrong way's header: the text above its diff, undefined when it holds no
 * diff. Only the header, not the whole patch: parsing all ~190 patches took
 * 0.1–0.25 s, reading their headers 0.01–0.03 s (whether the hunks still fit is
 * the wrong way's own chain's check). test/shape.test.ts checks it agrees with
 * wrong-way.ts's readWrongWay on every patch of the course.
 */
export function wrongWayHeader(text: string): string | undefined {
  const start = DIFF_START.exec(text);
  return start ? text.slice(0, start.index).trim() : undefined;
}

function wrongWayProblems(root: string, dir: string): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  for (const name of [...entries(dir, "file"), ...entries(dir, "dir")]) {
    const file = path.join(dir, name);
    if (!name.endsWith(".patch")) {
      problems.push({
        file: shown(root, file),
        message: "is not a <name>.patch: the course check runs only patches, so this wrong way would never be checked",
      });
      continue;
    }
    const why = wrongWayHeader(readText(file) ?? "");
    if (why === undefined)
      problems.push({
        file: shown(root, file),
        message: 'holds no diff (no "--- a/<file>" line): a wrong way is a patch against the reference\'s src/',
      });
    else if (why === "")
      problems.push({
        file: shown(root, file),
        message: 'has no header: above the diff, say "Wrong: …", what goes wrong and why a student might write it',
      });
    else if (!why.startsWith("Wrong:")) {
      problems.push({
        file: shown(root, file),
        message: `its header starts ${JSON.stringify(why.slice(0, 40))}: start it with "Wrong:", then what goes wrong (a student whose failures match reads it)`,
      });
    }
  }
  return problems;
}

export function solutionProblems({ root, exercise, solution }: ShapeContext): ShapeProblem[] {
  const student = studentFiles(exercise);
  const alternatives = path.join(solution, "alternatives");
  return [
    ...onlyStudentFiles(root, path.join(solution, "src"), student),
    ...entries(alternatives, "dir").flatMap((name) => onlyStudentFiles(root, path.join(alternatives, name), student)),
    ...wrongWayProblems(root, path.join(solution, "wrong")),
  ];
}

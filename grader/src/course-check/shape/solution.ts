// The solution's folders (CONTRIBUTING.md, `solutions/NN-slug/`): src/ and
// every alternative hold only files the student writes (the given files and
// index.ts always come from the exercise), and every wrong way is a
// `<name>.patch` whose header starts with "Wrong:".
import path from "node:path";
import { readWrongWay } from "../../wrong-ways/wrong-way.ts";
import { entries, shown, type ShapeContext, type ShapeProblem } from "./files.ts";
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

function wrongWayProblems(root: string, dir: string): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  for (const name of [...entries(dir, "file"), ...entries(dir, "dir")]) {
    const file = path.join(dir, name);
    if (!name.endsWith(".patch")) {
      problems.push({ file: shown(root, file), message: "is not a <name>.patch: the course check runs only patches, so this wrong way would never be checked" });
      continue;
    }
    let why: string;
    try {
      why = readWrongWay(file).why;
    } catch (error) {
      // No header, no diff, a file added: the patch's own reader says what (its message starts with "wrong/<name>.patch").
      const message = error instanceof Error ? error.message : String(error);
      problems.push({ file: shown(root, file), message: message.replace(/^wrong\/[^ ]+ /, "") });
      continue;
    }
    if (!why.startsWith("Wrong:")) {
      problems.push({ file: shown(root, file), message: `its header starts ${JSON.stringify(why.slice(0, 40))}: start it with "Wrong:", then what goes wrong (a student whose failures match reads it)` });
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

// tsconfig.json at the root, read as TypeScript reads it: the course's own code
// (grader, test kit, course runner, demos) as one program. npm run lint
// (scripts/lint.js) builds that program; grader/test/lint-config.test.ts checks
// that it covers every file ESLint's typed rules read.
import path from "node:path";
import ts from "typescript";

const root = path.resolve(import.meta.dirname, "..");

/** The parsed tsconfig.json: its files (`fileNames`), options and the errors of the config itself. */
export function readToolsTsconfig() {
  return ts.getParsedCommandLineOfConfigFile(
    path.join(root, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  );
}

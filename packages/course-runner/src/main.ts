// npm start (npm run course): the course runner's command line.
//   --course DIR   the course to walk (default: the repository it belongs to)
import path from "node:path";
import { parseArgs } from "node:util";
import { courseRoot } from "@course/grader/exercises";
import { ExitError, runCourse } from "./app.ts";
import { openTerminal } from "./terminal.ts";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { course: { type: "string" } }, strict: true });
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new ExitError("npm start needs a terminal to run in (keys in, a screen out). To grade once, run: npm run grade");
  }
  const course = path.resolve(values.course ?? courseRoot);
  const summary = await runCourse(course, openTerminal);
  process.stdout.write(
    `\nYour progress: ${summary.score}/${summary.maxScore} points, ${summary.done} of ${summary.exercises} exercises done. npm start picks up where you left off.\n`,
  );
}

main().then(
  // Quitting means now: every process the runner started is gone (app.ts), and
  // nothing a grading left pending (a timer, a clean-up) may keep it open.
  () => process.exit(0),
  (error: unknown) => {
    const known = error instanceof ExitError || (error as { code?: unknown }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION";
    process.stderr.write(`course: ${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
    process.exit(known ? 2 : 1);
  },
);

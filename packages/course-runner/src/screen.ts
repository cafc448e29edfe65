// Draws the state as the lines of one screen: the course's progress at the
// top, the current exercise (or the list) in the middle, the hint below it,
// the keys at the bottom. A pure function of the state and the terminal's
// size, so that every line fits: nothing wraps, nothing scrolls.
import { styleText } from "node:util";
import type { GradedExercise } from "@course/grader/grade";
import { isFull, totals, type ExerciseState, type HintView, type ViewState } from "./state.ts";

type Style = Parameters<typeof styleText>[0];
type TestReport = GradedExercise["tests"][number];
interface Line {
  text: string;
  style?: Style;
}

export interface Size {
  columns: number;
  rows: number;
}

const line = (text: string, style?: Style): Line => (style === undefined ? { text } : { text, style });
const blank = line("");

/** Word-wraps plain text to `width`, keeping its own line breaks (a long word is cut). */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    let row = "";
    for (const word of paragraph.split(/\s+/).filter((w) => w !== "")) {
      if (row === "") row = word;
      else if (row.length + 1 + word.length <= width) row += ` ${word}`;
      else {
        out.push(row);
        row = word;
      }
      while (row.length > width) {
        out.push(row.slice(0, width));
        row = row.slice(width);
      }
    }
    out.push(row);
  }
  return out;
}

const points = (exercise: ExerciseState) => (exercise.report ? `${exercise.report.score}/${exercise.report.maxScore}` : "…");

function progress(state: ViewState, width: number): Line[] {
  const { score, maxScore, unknown, done } = totals(state.exercises);
  const barWidth = Math.max(10, Math.min(40, width - 50));
  const filled = maxScore === 0 ? 0 : Math.round((barWidth * score) / maxScore);
  const counted = unknown > 0 ? ` (${unknown} not tested yet)` : "";
  const bar = `${"█".repeat(filled)}${"░".repeat(barWidth - filled)}`;
  const lines = [line(` ${bar}  ${score}/${maxScore} points · ${done} of ${state.exercises.length} exercises done${counted}`, "green")];
  // Each exercise's points, as many to a row as fit.
  const cells = state.exercises.map((exercise) => {
    const mark = exercise.id === state.current ? "▶" : isFull(exercise) ? "✓" : exercise.id === state.testing ? "⟳" : " ";
    return `${mark}${exercise.id.slice(0, 2)} ${points(exercise)}`;
  });
  let row = "";
  for (const cell of cells) {
    if (row !== "" && row.length + 2 + cell.length > width - 1) {
      lines.push(line(row));
      row = "";
    }
    row += row === "" ? ` ${cell}` : `  ${cell}`;
  }
  if (row !== "") lines.push(line(row));
  return lines;
}

const firstLines = (message: string | undefined, count: number) =>
  (message ?? "")
    .split("\n")
    .map((text) => text.trimEnd())
    .filter((text) => text.trim() !== "")
    .slice(0, count);

function testLines(tests: readonly TestReport[], room: number): Line[] {
  const failing = tests.filter((test) => test.status === "fail");
  const passing = tests.length - failing.length;
  const lines: Line[] = [];
  failing.forEach((test, index) => {
    lines.push(line(` ✗ ${test.name} (${test.maxScore} ${test.maxScore === 1 ? "point" : "points"})`, "red"));
    // The first failure gets its message's first lines, the others one line.
    for (const text of firstLines(test.message, index === 0 ? Math.max(1, room - failing.length - 2) : 1)) lines.push(line(`     ${text}`, "dim"));
  });
  if (passing > 0) lines.push(line(` ✓ ${passing} ${passing === 1 ? "test passes" : "tests pass"}`, "green"));
  if (lines.length > room) {
    const shown = lines.slice(0, Math.max(0, room - 1));
    return [...shown, line(`   … and more: npm test in the exercise's folder shows every message`, "dim")];
  }
  return lines;
}

function exerciseBody(state: ViewState, room: number, width: number): Line[] {
  const exercise = state.exercises.find((e) => e.id === state.current);
  if (!exercise) {
    const { score, maxScore } = totals(state.exercises);
    return [line(` ✓ Every exercise has full marks: ${score}/${maxScore} points. Well done!`, "green"), line(" l lists the exercises, q quits.")];
  }
  const lines: Line[] = [line(` ▶ ${exercise.id} · ${points(exercise)} points · read exercises/${exercise.id}/README.md, edit its src/`, "bold")];
  const report = exercise.report;
  const testing = state.testing === exercise.id;
  if (exercise.error && !testing) lines.push(line(` ✗ The grader could not run: ${firstLines(exercise.error, 1)[0] ?? ""}`, "red"));
  if (!report) {
    lines.push(line(testing ? " Testing…" : " Waiting to be tested…", "yellow"));
    return lines;
  }
  if (testing) lines.push(line(" Testing again… (below: the last run)", "yellow"));
  else if (report.status === "pass")
    lines.push(line(` ✓ Every test passes: ${report.score}/${report.maxScore} points. Press n for the next exercise.`, "green"));
  else if (report.status === "error") lines.push(line(` ✗ Not graded: ${firstLines(report.message, 1)[0] ?? ""}`, "red"));
  else {
    const failing = report.tests.filter((test) => test.status === "fail").length;
    lines.push(line(` ${failing} of ${report.tests.length} tests fail. Edit src/ and save: the tests run again.`, "yellow"));
  }
  if (state.mistake) {
    const said = wrap(`Your mistake has a name: ${state.mistake.name}. ${state.mistake.explanation}`, width - 3).slice(0, 3);
    for (const row of said) lines.push(line(` ${row}`, "magenta"));
  }
  lines.push(blank);
  return [...lines, ...testLines(report.tests, room - lines.length)];
}

function hintLines(hint: HintView | undefined, width: number): Line[] {
  if (!hint) return [];
  const text = (value: string) => wrap(value, width - 4).map((row) => line(`   ${row}`));
  switch (hint.kind) {
    case "hint": {
      const lines = [
        line(` Hint ${hint.index + 1} of ${hint.step.hints.length} · step ${hint.step.number}: ${hint.step.title}`, "cyan"),
        ...text(hint.step.hints[hint.index] ?? ""),
      ];
      if (hint.exhausted) lines.push(line(` That was the last hint of step ${hint.step.number}.`, "dim"));
      return lines;
    }
    case "no-step": {
      const where =
        hint.candidates.length === 0
          ? "HINTS.md does not say which step it belongs to"
          : `HINTS.md names it under several steps (${hint.candidates.map((step) => step.number).join(", ")})`;
      return [line(` No hint picked for "${hint.test}": ${where}.`, "cyan"), line("   Press a step's number to read its next hint:", "cyan")];
    }
    case "note":
      return text(hint.text).map((row) => ({ ...row, style: "cyan" as const }));
  }
}

function listBody(state: ViewState, room: number): Line[] {
  const lines: Line[] = [line(" Exercises: ↑/↓ choose, Enter works on it, l or Esc goes back", "bold")];
  const rows = state.exercises.map((exercise, index) => {
    const mark = index === state.cursor ? "›" : " ";
    const status = isFull(exercise)
      ? "✓ done"
      : exercise.id === state.testing
        ? "testing…"
        : exercise.report?.status === "error"
          ? "✗ not graded"
          : "";
    const current = exercise.id === state.current ? " ◀ current" : "";
    return line(
      ` ${mark} ${exercise.id.padEnd(32)} ${points(exercise).padStart(7)}  ${status}${current}`,
      index === state.cursor ? "inverse" : undefined,
    );
  });
  // Keep the cursor's row in view.
  const fit = Math.max(1, room - 1);
  const first = Math.min(Math.max(0, state.cursor - fit + 1), Math.max(0, rows.length - fit));
  return [...lines, ...rows.slice(first, first + fit)];
}

function stepsLine(state: ViewState, width: number, steps: readonly { number: number; title: string }[]): Line[] {
  if (state.hint?.kind !== "no-step") return [];
  return wrap(steps.map((step) => `${step.number}. ${step.title}`).join("   "), width - 4).map((row) => line(`   ${row}`, "cyan"));
}

/** The whole screen, as text with colour codes when `color`, exactly `size.rows` lines at most. */
export function render(state: ViewState, size: Size, color: boolean, steps: readonly { number: number; title: string }[] = []): string {
  const width = Math.max(20, size.columns);
  const top = [...progress(state, width), blank];
  const keys =
    state.view === "list"
      ? " ↑/↓ choose · Enter work on it · l back · q quit"
      : ` h hint · 1-9 a step's hints${state.exercises.some((e) => e.id === state.current && isFull(e)) ? " · n next" : ""} · l list · q quit`;
  const bottom = [...(state.notice ? [line(` ${state.notice}`, "yellow")] : []), line(keys, "dim")];
  // A long hint never pushes the exercise off the screen.
  const hintRoom = Math.max(4, size.rows - top.length - bottom.length - 8);
  const hint = state.view === "exercise" ? [...hintLines(state.hint, width), ...stepsLine(state, width, steps)].slice(0, hintRoom) : [];
  const room = Math.max(3, size.rows - top.length - bottom.length - (hint.length > 0 ? hint.length + 1 : 0));
  const body = state.view === "list" ? listBody(state, room) : exerciseBody(state, room, width);
  const middle = body.slice(0, room);
  while (middle.length < room) middle.push(blank);
  // On a small terminal the middle gives way: the keys stay on the last line.
  const lines = [...[...top, ...middle, ...(hint.length > 0 ? [blank, ...hint] : [])].slice(0, Math.max(0, size.rows - bottom.length)), ...bottom];
  return lines
    .map(({ text, style }) => {
      const fitted = text.length > width - 1 ? `${text.slice(0, width - 2)}…` : text;
      return color && style ? styleText(style, fitted) : fitted;
    })
    .join("\n");
}

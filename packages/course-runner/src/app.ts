// The course runner's behaviour: which exercise is current, what each key
// does, what happens on a save and when a test run ends. The screen is drawn
// from the state after every change (screen.ts); the tests run one at a time
// (grading.ts).
import { watch, type FSWatcher } from "node:fs";
import { exerciseDir, listExercises } from "@course/grader/exercises";
import { GradingQueue, type Graded } from "./grading.ts";
import { describesOf, readHints, stepOf, type Step } from "./hints.ts";
import { mistakeOf } from "./mistakes.ts";
import { knownReport, loadProgress, remember } from "./progress.ts";
import { render } from "./screen.ts";
import { isFull, totals, type ViewState } from "./state.ts";
import type { Key, Terminal } from "./terminal.ts";

/** A course without exercises, or another reason not to start, said in one line. */
export class ExitError extends Error {}

/** Files whose change means "test again": code and data, not an editor's swap or backup files. */
const SOURCE = /^[^.~#][^~#]*\.(?:[cm]?[jt]s|json)$/;
/** Editors save in several writes: test once they are done. */
const SETTLE_MS = 200;
/** On quitting, how long the test run being stopped may take to clean up. */
const STOP_GRACE_MS = 5_000;

interface Summary {
  score: number;
  maxScore: number;
  done: number;
  exercises: number;
}

export async function runCourse(course: string, open: (onKey: (key: Key) => void, onResize: () => void) => Terminal): Promise<Summary> {
  const ids = listExercises(course);
  if (ids.length === 0) throw new ExitError(`${course} has no exercises/NN-slug folders`);
  const progress = loadProgress(course);
  const state: ViewState = {
    exercises: ids.map((id) => {
      const report = knownReport(id, course, progress);
      return report ? { id, report, stale: false } : { id, stale: true };
    }),
    current: undefined,
    testing: undefined,
    view: "exercise",
    cursor: 0,
  };
  const byId = (id: string | undefined) => state.exercises.find((exercise) => exercise.id === id);
  const hints = new Map<string, Step[]>();
  const stepsOf = (id: string) => hints.get(id) ?? hints.set(id, readHints(exerciseDir(id, course))).get(id)!;
  /** Hints shown so far, by exercise and step. */
  const shown = new Map<string, number>();
  /** The current exercise was picked before it was tested: move on by itself if it turns out full. */
  let picking = false;
  let watcher: FSWatcher | undefined;
  let settle: NodeJS.Timeout | undefined;

  const queue = new GradingQueue(course, {
    started: (id) => {
      state.testing = id;
      draw();
    },
    finished: (graded) => finished(graded),
  });

  let quit!: () => void;
  const quitting = new Promise<void>((resolve) => (quit = resolve));
  const terminal = open(onKey, () => draw());
  const onSignal = () => quit();
  for (const signal of ["SIGTERM", "SIGHUP", "SIGINT"] as const) process.on(signal, onSignal);

  function draw(): void {
    const steps = state.current ? stepsOf(state.current) : [];
    terminal.draw(render(state, terminal.size(), terminal.color, steps));
  }

  function watchCurrent(): void {
    watcher?.close();
    clearTimeout(settle);
    watcher = undefined;
    const id = state.current;
    if (!id) return;
    try {
      watcher = watch(`${exerciseDir(id, course)}/src`, { recursive: true }, (_event, file) => {
        const name =
          String(file ?? "")
            .split(/[\\/]/)
            .pop() ?? "";
        if (file !== null && !SOURCE.test(name)) return;
        clearTimeout(settle);
        settle = setTimeout(() => {
          const exercise = byId(id);
          if (!exercise || state.current !== id) return;
          exercise.stale = true;
          queue.now(id);
          draw();
        }, SETTLE_MS);
      });
      watcher.on("error", () => {
        state.notice = `Could not watch exercises/${id}/src: save, then press the exercise again in the list (l).`;
        draw();
      });
    } catch {
      state.notice = `Could not watch exercises/${id}/src for changes.`;
    }
  }

  /** Makes the first exercise from `start` on (wrapping round) that is not yet full marks the current one. */
  function pickFrom(start: number): void {
    const order = [...state.exercises.slice(start), ...state.exercises.slice(0, start)];
    const next = order.find((exercise) => !isFull(exercise));
    makeCurrent(next?.id);
    picking = next?.stale === true;
  }

  function makeCurrent(id: string | undefined): void {
    if (state.current !== id) {
      state.hint = undefined;
      state.mistake = undefined;
    }
    state.current = id;
    const exercise = byId(id);
    if (exercise) {
      if (exercise.stale) queue.now(exercise.id);
      state.mistake = mistakeOf(exercise.report);
    }
    watchCurrent();
    // Then every exercise whose points are not known yet, one at a time.
    queue.later(state.exercises.filter((e) => e.stale && e.id !== id).map((e) => e.id));
  }

  function finished(graded: Graded): void {
    const exercise = byId(graded.id);
    state.testing = queue.running;
    if (!exercise) return;
    exercise.stale = false;
    if (graded.report) {
      exercise.report = graded.report;
      exercise.error = undefined;
      remember(course, progress, graded.id, graded.key, graded.report);
    } else exercise.error = graded.error;
    if (graded.id === state.current) {
      state.notice = undefined;
      state.mistake = mistakeOf(exercise.report);
      if (isFull(exercise)) state.hint = undefined;
      if (picking) {
        picking = false;
        if (isFull(exercise)) pickFrom(state.exercises.indexOf(exercise) + 1);
      }
    }
    draw();
  }

  function reveal(id: string, step: Step): void {
    if (step.hints.length === 0) {
      state.hint = { kind: "note", text: `Step ${step.number} has no hints in HINTS.md.` };
      return;
    }
    const key = `${id}#${step.number}`;
    const count = shown.get(key) ?? 0;
    const index = Math.min(count, step.hints.length - 1);
    shown.set(key, index + 1);
    state.hint = { kind: "hint", step, index, exhausted: index === step.hints.length - 1 };
  }

  function hint(): void {
    const id = state.current;
    const report = byId(id)?.report;
    if (!id) return;
    if (!report) {
      state.hint = { kind: "note", text: "Wait for the first test run to finish: then h gives a hint for the first test that fails." };
      return;
    }
    const failing = report.tests.find((test) => test.status === "fail");
    if (!failing) {
      state.hint = { kind: "note", text: "Every test passes: no hint needed. Press n for the next exercise." };
      return;
    }
    const steps = stepsOf(id);
    if (steps.length === 0) {
      state.hint = { kind: "note", text: `exercises/${id}/HINTS.md has no numbered sections (## 1. …) to take hints from.` };
      return;
    }
    const found = stepOf(steps, { name: failing.name, describes: describesOf(exerciseDir(id, course), failing) });
    if (found.kind === "step") reveal(id, found.step);
    else state.hint = { kind: "no-step", test: failing.name, candidates: found.kind === "ambiguous" ? found.steps : [] };
  }

  function onKey(key: Key): void {
    state.notice = undefined;
    if (key.name === "q" || (key.ctrl && key.name === "c")) return quit();
    if (state.view === "list") listKey(key);
    else exerciseKey(key);
    draw();
  }

  function exerciseKey(key: Key): void {
    const current = byId(state.current);
    if (key.name === "h") hint();
    else if (key.name === "l") {
      state.view = "list";
      state.cursor = Math.max(0, current ? state.exercises.indexOf(current) : 0);
    } else if (key.name === "n") {
      if (!current) state.notice = "Every exercise has full marks: there is no next one.";
      else if (isFull(current)) pickFrom(state.exercises.indexOf(current) + 1);
      else state.notice = "n moves on once every test passes: not yet.";
    } else if (key.name && /^[1-9]$/.test(key.name) && current) {
      const step = stepsOf(current.id).find((s) => s.number === Number(key.name));
      if (step) reveal(current.id, step);
      else state.notice = `HINTS.md has no step ${key.name}.`;
    }
  }

  function listKey(key: Key): void {
    const last = state.exercises.length - 1;
    if (key.name === "up" || key.name === "k") state.cursor = Math.max(0, state.cursor - 1);
    else if (key.name === "down" || key.name === "j") state.cursor = Math.min(last, state.cursor + 1);
    else if (key.name === "escape" || key.name === "l") state.view = "exercise";
    else if (key.name === "return" || key.name === "enter") {
      picking = false;
      makeCurrent(state.exercises[state.cursor]?.id);
      state.view = "exercise";
    }
  }

  try {
    pickFrom(0);
    draw();
    await quitting;
  } finally {
    for (const signal of ["SIGTERM", "SIGHUP", "SIGINT"] as const) process.off(signal, onSignal);
    watcher?.close();
    clearTimeout(settle);
    // The run going is killed at once; its clean-up (the grader removing its
    // temporary copies) gets a few seconds, not a hang.
    let waited: NodeJS.Timeout | undefined;
    await Promise.race([queue.stop(), new Promise((resolve) => (waited = setTimeout(resolve, STOP_GRACE_MS)))]);
    clearTimeout(waited);
    terminal.close();
  }
  const { score, maxScore, done } = totals(state.exercises);
  return { score, maxScore, done, exercises: state.exercises.length };
}

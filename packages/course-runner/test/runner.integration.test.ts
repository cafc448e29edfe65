// npm start, driven as a student drives it: in a real terminal (tmux), keys
// in, the screen read back, on a fresh copy of a two-exercise fixture course.
import { afterEach, describe, expect, test } from "vitest";
import { ANSWER_AT_ONCE, ANSWER_RIGHT, copyCourse, descendants, runnerBin, stillAlive, type Course } from "./support/course.ts";
import { hasTmux, Pane } from "./support/tmux.ts";

// CI has tmux; a machine without it skips these (and says so), never passes them silently in CI.
const skip = !hasTmux() && !process.env.CI;

let pane: Pane | undefined;
let course: Course | undefined;
afterEach(() => {
  pane?.close();
  course?.remove();
  pane = undefined;
  course = undefined;
});

function start(): { pane: Pane; course: Course } {
  course ??= copyCourse();
  pane = Pane.start(`node '${runnerBin}' --course '${course.dir}'`, { columns: 100, rows: 30, cwd: course.dir });
  return { pane, course };
}

/** Quits with q and checks it ended well: exit code 0, and no process it started (test runs included) left. */
async function quit(pane: Pane): Promise<string> {
  const running = descendants(pane.status().pid);
  expect(
    running.some((p) => p.args.includes("course.js")),
    "the runner runs in the pane",
  ).toBe(true);
  pane.keys("q");
  expect(await pane.waitForExit()).toBe(0);
  expect(await stillAlive(running), "no process of the runner outlives it").toEqual([]);
  return pane.screen();
}

describe.skipIf(skip)("npm start in a terminal", () => {
  test("walks the course: progress, hints by step, a save re-tests, n when green, l lists, q quits", async () => {
    const { pane, course } = start();
    // The first exercise not at full marks is current; both are tested, and the bar counts them.
    let screen = await pane.waitForText("0/7 points · 0 of 2 exercises done");
    expect(screen).toContain("▶01 0/4");
    expect(screen).toContain("02 0/3");
    expect(screen).toContain("▶ 01-answer · 0/4 points");
    expect(screen).toContain("✗ answer resolves with 42 (1 point)");
    expect(screen).toContain("✗ answer thinks for exactly 1000 ms (2 points)");

    // h: the first failing test is in the describe block step 1 names.
    pane.keys("h");
    screen = await pane.waitForText("Hint 1 of 2 · step 1: What it answers");
    expect(screen).toContain("An async function's return value is what its promise resolves with.");
    pane.keys("h");
    screen = await pane.waitForText("Hint 2 of 2 · step 1: What it answers");
    expect(screen).toContain("That was the last hint of step 1.");

    // n before every test passes: refused, with why.
    pane.keys("n");
    await pane.waitForText("n moves on once every test passes: not yet.");

    // A save re-tests: half right, then the first failure is step 2's test, named by HINTS.md.
    course.write("exercises/01-answer/src/answer.ts", ANSWER_AT_ONCE);
    screen = await pane.waitForText("▶ 01-answer · 2/4 points");
    expect(screen).toContain("1 of 3 tests fail");
    expect(screen).toContain("✓ 2 tests pass");
    pane.keys("h");
    await pane.waitForText("Hint 1 of 1 · step 2: Taking its time");

    // Right: green, and n moves on to the next exercise.
    course.write("exercises/01-answer/src/answer.ts", ANSWER_RIGHT);
    screen = await pane.waitForText("Every test passes: 4/4 points. Press n for the next exercise.");
    expect(screen).toContain("4/7 points · 1 of 2 exercises done");
    pane.keys("n");
    screen = await pane.waitForText("▶ 02-echo · 0/3 points");
    expect(screen).toContain("✓01 4/4");

    // 02's HINTS.md names no test: the runner says so, and offers the steps instead of guessing.
    pane.keys("h");
    screen = await pane.waitForText('No hint picked for "echo says the text back": HINTS.md does not say which step it belongs to.');
    expect(screen).toContain("1. Say it back");
    pane.keys("1");
    await pane.waitForText("Hint 1 of 1 · step 1: Say it back");

    // l lists the exercises; Enter on one makes it current.
    pane.keys("l");
    screen = await pane.waitForText("Exercises: ↑/↓ choose");
    expect(screen).toMatch(/01-answer\s+4\/4\s+✓ done/);
    expect(screen).toMatch(/› 02-echo\s+0\/3\s+◀ current/);
    pane.keys("Up", "Enter");
    await pane.waitForText("▶ 01-answer · 4/4 points");

    screen = await quit(pane);
    expect(screen).toContain("Your progress: 4/7 points, 1 of 2 exercises done.");
  });

  test("starts where the student left off, without testing again what did not change", async () => {
    course = copyCourse();
    course.write("exercises/01-answer/src/answer.ts", ANSWER_RIGHT);
    let { pane } = start();
    await pane.waitForText("4/7 points · 1 of 2 exercises done");
    await pane.waitForText("▶ 02-echo · 0/3 points");
    await quit(pane);
    pane.close();

    ({ pane } = start());
    // Remembered: the first screen already knows both, and nothing is being tested.
    const screen = await pane.waitForText("▶ 02-echo");
    expect(screen).toContain("4/7 points · 1 of 2 exercises done");
    expect(screen).not.toContain("Testing");
    await quit(pane);
  });

  test("q during a test run stops the run: no process is left behind", async () => {
    const { pane } = start();
    await pane.waitForText("Testing…");
    const deadline = Date.now() + 60_000;
    while (!descendants(pane.status().pid).some((p) => p.args.includes("vitest"))) {
      if (Date.now() > deadline) throw new Error("no test run started within 60 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const screen = await quit(pane);
    expect(screen).toContain("Your progress:");
  });
});

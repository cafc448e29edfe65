// Tests one exercise at a time, exactly as `npm run grade` does (the grader's
// gradeCourse: the course's pristine tests against a copy of the exercise's
// src/, in a killable process of its own, scored by the points the tests
// declare). One run at a time keeps a laptop responsive; the exercise being
// worked on always goes first, and a run whose code changed meanwhile is
// stopped and started again, never finished for nothing.
import { fingerprint } from "@course/grader/expected-tests";
import { gradeCourse, type GradedExercise } from "@course/grader/grade";
import { killChildren, release } from "./children.ts";

export interface Graded {
  id: string;
  /** The content of the exercise's tests and src/ that was tested (see fingerprint). */
  key: string;
  /** The grader's report; undefined when the grader itself failed (then `error` says why). */
  report?: GradedExercise;
  error?: string;
}

interface GradingEvents {
  started(id: string): void;
  finished(graded: Graded): void;
}

export class GradingQueue {
  readonly #course: string;
  readonly #events: GradingEvents;
  #waiting: string[] = [];
  #running: { id: string; cancelled: boolean; done: Promise<void> } | undefined;
  #stopped = false;

  constructor(course: string, events: GradingEvents) {
    this.#course = course;
    this.#events = events;
  }

  /** The exercise being tested now, if any. */
  get running(): string | undefined {
    return this.#running?.cancelled ? undefined : this.#running?.id;
  }

  /**
   * Tests `id` next. A run of another exercise is put back in line; a run of
   * this one is started again (its code changed since it began).
   */
  now(id: string): void {
    this.#waiting = this.#waiting.filter((waiting) => waiting !== id);
    const running = this.#running;
    if (running && !running.cancelled) {
      if (running.id !== id) this.#waiting.unshift(running.id);
      this.#cancel(running);
    }
    this.#waiting.unshift(id);
    this.#pump();
  }

  /** Tests these when nothing else is waiting, in this order. */
  later(ids: readonly string[]): void {
    for (const id of ids) if (!this.#waiting.includes(id) && this.#running?.id !== id) this.#waiting.push(id);
    this.#pump();
  }

  /** Stops the run going, forgets the rest, and resolves once the run's processes are gone. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#waiting = [];
    const running = this.#running;
    if (running) {
      this.#cancel(running);
      await running.done;
    }
  }

  #cancel(running: { cancelled: boolean }): void {
    running.cancelled = true;
    killChildren();
  }

  #pump(): void {
    if (this.#running || this.#stopped) return;
    const id = this.#waiting.shift();
    if (id === undefined) return;
    release();
    const running = { id, cancelled: false, done: Promise.resolve() };
    this.#running = running;
    this.#events.started(id);
    running.done = this.#grade(id).then((graded) => {
      this.#running = undefined;
      if (!running.cancelled) this.#events.finished(graded);
      this.#pump();
    });
  }

  async #grade(id: string): Promise<Graded> {
    let key = "";
    try {
      key = fingerprint(id, this.#course);
      const report = await gradeCourse({ course: this.#course, exercises: [id], jobs: 1 });
      const exercise = report.exercises[0];
      return exercise ? { id, key, report: exercise } : { id, key, error: "the grader returned no report" };
    } catch (error) {
      return { id, key, error: error instanceof Error ? error.message : String(error) };
    }
  }
}

// Where an exercise may differ from the model, each difference named with the
// exercise it belongs to and why. A rule consults this list instead of being
// loosened for every exercise: a difference not named here is a broken shape.

/**
 * `course.sandbox` in an exercise's package.json: what the grader's sandbox
 * grants its tests beyond reading the exercise (grader/README.md, "The
 * sandbox"). Every grant is a door opened to student code, so each is named
 * here with its exercise.
 */
export const SANDBOX_GRANTS: Readonly<Record<string, { grants: readonly string[]; why: string }>> = {
  "10-worker-parallelism": { grants: ["workers"], why: "the lesson is worker threads: the code under test starts them" },
  "11-pitfalls": { grants: ["temp-files"], why: "loadConfigs and saveAll read and write real files, in a temporary folder" },
};

/**
 * Student files whose stub is data, not a function: no `throw` to reach. The
 * `// TODO:` line is still required.
 */
export const STUBS_WITHOUT_THROW: Readonly<Record<string, { files: readonly string[]; why: string }>> = {
  "01-event-loop": {
    files: ["predictions.ts"],
    why: "the student writes predictions, not code: the contract's stub is an empty list per snippet (curriculum.md), and the tests fail on it",
  },
};

/**
 * Exercises without a `demo.ts` (and so without a `demo` script). CONTRIBUTING.md
 * asks for one from 02 on.
 */
export const WITHOUT_DEMO: Readonly<Record<string, string>> = {
  "01-event-loop": "the event loop's orders are the lesson itself: the tests run each snippet for real, and there is no server to show",
};

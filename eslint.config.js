// One linter for the whole repository (issue 14): typescript-eslint's
// recommended rules everywhere, the vitest plugin's on tests, and the
// type-aware promise rules only where they pay for their cost (see below).
// `npm run lint` runs it with a cache in node_modules/.cache/eslint.
import vitest from "@vitest/eslint-plugin";
import { defineConfig, globalIgnores } from "eslint/config";
import { builtinRules } from "eslint/use-at-your-own-risk";
import tseslint from "typescript-eslint";
import noConditionalExpect from "./scripts/eslint/no-conditional-expect.js";

/**
 * ESLint's own recommended rules (`eslint:recommended`), read from the rules
 * ESLint ships: the config that names them lives in @eslint/js, which is not
 * installed. typescript-eslint's recommended set, after it, turns off the
 * ones TypeScript already checks (no-undef, no-redeclare…).
 */
const eslintRecommended = {
  name: "eslint/recommended (from the built-in rules' metadata)",
  rules: Object.fromEntries([...builtinRules].filter(([, rule]) => rule.meta?.docs?.recommended).map(([name]) => [name, "error"])),
};

/** Node's global names, as the Node running ESLint has them (the `globals` package is not installed). */
const NODE_GLOBALS = Object.fromEntries(Object.getOwnPropertyNames(globalThis).map((name) => [name, "readonly"]));

/**
 * `_` marks a name unused on purpose (a callback's first parameter, a catch
 * that only needs to catch); a rest sibling leaves out the keys it names
 * (`const { scripts: _scripts, ...rest } = manifest`).
 */
const UNUSED = { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true };

/** Tests and what they share: where the vitest plugin's rules apply. */
const TEST_FILES = ["**/test/**/*.ts", "**/test-export/**/*.ts"];

/**
 * The course's own code, where a promise nobody awaits is a real bug (a
 * grading run that ends before its report is written, an error nobody sees):
 * linted with type information. Only these: the type-aware rules cost about
 * as much again as all the others (measured cold, without the cache: 12 s of
 * CPU without type information, 19 s with it for these folders).
 *
 * Their types come from the program of tsconfig.json, the one that typechecks
 * the course's own code: `npm run lint` (scripts/lint.js) builds and checks it
 * once, then hands it to ESLint, so TypeScript's work is done once for both.
 * Run on its own (`npx eslint`, an editor), ESLint builds it from `project`.
 * A file outside that program cannot be linted with types: tsconfig.json's
 * `include` must cover TYPED_FILES (grader/test/lint-config.test.ts checks it).
 */
export const TYPED_FILES = ["packages/*/src/**/*.ts", "grader/src/**/*.ts"];

export default defineConfig(
  globalIgnores([
    // Installed, generated or scratch: not ours, or rewritten by every run.
    "**/node_modules/",
    "**/.turbo/",
    "**/coverage/",
    ".course-check/", // the course check's folders, one per chain it lays out
    ".stryker-tmp/", // Stryker's sandboxes while `npm run mutation` runs
    "reports/", // `npm run mutation`'s HTML reports
    "class-report/", // `npm run class`'s default output folder
    "tmp-exp/", // scratch notes and experiments, not part of the course
    // Hostile submissions for the grader's tests: broken, cheating or
    // attacking on purpose (a syntax error, a loop at import…). Each says in
    // its first line what it tries; linting them would only repeat that.
    "grader/test/fixtures/hostile/",
    // Exercise 11's given legacy code is the lesson's broken example: its
    // floating promises (a loop of un-awaited writes, forEach(async …)) and its
    // busy-wait are what the student learns to find. The exercise's own test
    // lints it with the promise rules, to show the student, never to fail.
    "exercises/11-pitfalls/src/legacy.ts",
  ]),

  eslintRecommended,
  tseslint.configs.recommended,

  {
    name: "course/unused",
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", UNUSED],
    },
  },

  {
    name: "course/node",
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: "module",
      // Everything here runs on Node (24, the course's): its globals are the
      // ones this process has (process, console, URL, Buffer…). For the plain
      // JavaScript files only: typescript-eslint turns no-undef off for
      // TypeScript, whose compiler checks names itself.
      globals: NODE_GLOBALS,
    },
  },

  {
    name: "course/commonjs",
    files: ["**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", exports: "writable", __dirname: "readonly", __filename: "readonly" },
    },
    rules: {
      // Plain Node scripts that run before any TypeScript tooling (the Node
      // version check, vitest's and tsc's launchers): require is their import.
      "@typescript-eslint/no-require-imports": "off",
      // A CommonJS module's top level is its own scope: `const crypto =
      // require("node:crypto")` shadows the global, it does not redeclare it.
      "no-redeclare": ["error", { builtinGlobals: false }],
    },
  },

  {
    name: "course/typed",
    files: TYPED_FILES,
    languageOptions: {
      parserOptions: { project: "./tsconfig.json", tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
    },
  },

  {
    name: "course/tests",
    files: TEST_FILES,
    plugins: { vitest, course: { rules: { "no-conditional-expect": noConditionalExpect } } },
    rules: {
      ...vitest.configs.recommended.rules,
      // The same rule, with the course's `if (problem) expect.fail(message)` allowed (see the rule's file).
      "vitest/no-conditional-expect": "off",
      "course/no-conditional-expect": "error",
      // vitest's expect takes a second argument, the message a failure prints
      // (CONTRIBUTING.md, Tests: "failure messages teach").
      "vitest/valid-expect": ["error", { maxArgs: 2 }],
      // A skipped test is a test the course does not run: never committed.
      "vitest/no-disabled-tests": "error",
      "vitest/expect-expect": [
        "error",
        {
          // The kit's and the exercises' helpers that assert for the test:
          // valueOf/reasonOf fail with a readable reason, failWith (01) and
          // failIfAny (12) fail with the lesson's own words, hammer (07) fails
          // with the seeded interleavings that went wrong, findingsOf (11)
          // fails when ESLint cannot read the code under test.
          assertFunctionNames: ["expect", "expect*", "assert*", "valueOf*", "reasonOf", "failWith", "failIfAny", "hammer", "findingsOf"],
        },
      ],
    },
  },

  {
    name: "course/replaying-one-seed",
    files: ["exercises/07-producer-consumer/test/async-queue-hammer.test.ts"],
    rules: {
      // `HAMMER_SEED=1040 npm test -- hammer` replays one seed: the test that
      // does not hold it skips itself (context.skip()), only then.
      "vitest/no-disabled-tests": "off",
    },
  },

  {
    name: "course/exercise-stubs",
    // The course's stubs, and the grader's and course runner's small courses
    // built the same way (test/fixtures/course).
    files: ["**/exercises/*/src/**/*.ts"],
    rules: {
      // A stub keeps the full signature the student will implement and
      // imports the given helpers they will need (QueueClosedError, the
      // worker's parentPort…), then throws `TODO` before using any of them
      // (CONTRIBUTING.md): unused by design, until the student writes it.
      "@typescript-eslint/no-unused-vars": "off",
    },
  },
);

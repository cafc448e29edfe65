// A vitest reporter that sends each test's result to the grader as soon as it
// is known, so that what passed before a hang or a crash still counts.
import path from "node:path";
import type { Reporter, SerializedError, TestCase, TestModule } from "vitest/node";
import type { CollectedTest, RunMessage, TestOutcome } from "./messages.ts";

const send = (message: RunMessage) => process.send?.(message);

// eslint-disable-next-line no-control-regex -- colour codes are exactly what is removed
const ANSI = /\u001b\[[0-9;]*m/g;

function describe(error: { message?: string; name?: string } | undefined): string {
  if (!error) return "unknown error";
  const name = error.name && error.name !== "Error" && !error.message?.startsWith(error.name) ? `${error.name}: ` : "";
  return `${name}${error.message ?? String(error)}`.replace(ANSI, "");
}

export default class IpcReporter implements Reporter {
  private root = process.cwd();

  onInit(vitest: { config: { root: string } }): void {
    this.root = vitest.config.root;
  }

  private info(testCase: TestCase): CollectedTest {
    const meta = testCase.meta() as { points?: unknown };
    const points = typeof meta.points === "number" && meta.points > 0 ? meta.points : 1;
    return {
      name: testCase.name,
      file: path.relative(this.root, testCase.module.moduleId),
      points,
      line: testCase.location?.line,
    };
  }

  onTestModuleCollected(testModule: TestModule): void {
    const tests = [...testModule.children.allTests()].map((t) => this.info(t));
    send({ type: "collected", file: path.relative(this.root, testModule.moduleId), tests });
  }

  onTestCaseReady(testCase: TestCase): void {
    send({ type: "start", name: testCase.name, file: path.relative(this.root, testCase.module.moduleId) });
  }

  onTestCaseResult(testCase: TestCase): void {
    const result = testCase.result();
    const state = result.state === "passed" ? "pass" : result.state === "failed" ? "fail" : "skip";
    const test: TestOutcome = {
      ...this.info(testCase),
      state,
      durationMs: Math.round(testCase.diagnostic()?.duration ?? 0),
    };
    if (state === "fail") test.message = describe(result.errors?.[0]);
    send({ type: "result", test });
  }

  onTestModuleEnd(testModule: TestModule): void {
    const errors = testModule.errors();
    if (errors.length > 0) {
      send({ type: "module-error", file: path.relative(this.root, testModule.moduleId), errors: errors.map(describe) });
    }
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: string): void {
    send({ type: "end", unhandledErrors: unhandledErrors.map(describe), reason });
  }
}

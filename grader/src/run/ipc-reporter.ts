// A vitest reporter that sends each test's result to the grader as soon as it
// is known, so that what passed before a hang or a crash still counts.
import path from "node:path";
import type { Reporter, SerializedError, TestCase, TestModule } from "vitest/node";
import { boundedFigures, type RunMessage } from "./messages.ts";
import { collectedTest, describeError, testOutcome } from "./test-info.ts";

const send = (message: RunMessage) => process.send?.(message);

export default class IpcReporter implements Reporter {
  private root = process.cwd();

  onInit(vitest: { config: { root: string } }): void {
    this.root = vitest.config.root;
  }

  onTestModuleCollected(testModule: TestModule): void {
    const tests = [...testModule.children.allTests()].map((t) => collectedTest(t, this.root));
    send({ type: "collected", file: path.relative(this.root, testModule.moduleId), tests });
  }

  onTestCaseReady(testCase: TestCase): void {
    send({ type: "start", name: testCase.name, file: path.relative(this.root, testCase.module.moduleId) });
  }

  onTestCaseResult(testCase: TestCase): void {
    const test = testOutcome(testCase, this.root);
    // Written by the test kit in the worker, where student code runs too: untrusted data.
    const figures = boundedFigures((testCase.meta() as { figures?: unknown }).figures);
    if (figures) test.figures = figures;
    send({ type: "result", test });
  }

  onTestModuleEnd(testModule: TestModule): void {
    const errors = testModule.errors();
    if (errors.length > 0) {
      send({ type: "module-error", file: path.relative(this.root, testModule.moduleId), errors: errors.map(describeError) });
    }
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: string): void {
    send({ type: "end", unhandledErrors: unhandledErrors.map(describeError), reason });
  }
}

// "What happened, on the virtual clock": the timelines of the current test's
// mocked APIs and span recorders, appended to failure messages. Wherever time
// matters, a failing test shows it, whichever assertion failed.
import { onTestFailed } from "vitest";
import { now } from "../clock/now.ts";
import { activeApis } from "../http/active-apis.ts";
import { abortMarks, clearMarks } from "./marks.ts";
import { activeRecorders } from "./recorder.ts";
import { renderTimeline } from "./render.ts";

export const WHAT_HAPPENED = "What happened, on the virtual clock:";

/** The timelines of this test's mocked APIs and recorders, for a failure message ("" when nothing was recorded). */
export function whatHappened(): string {
  const marks = abortMarks();
  const drawn = [
    ...[...activeApis].filter((api) => api.requests.length > 0).map((api) => renderTimeline(api.requests, { now: now(), marks })),
    ...[...activeRecorders]
      .filter((recorder) => recorder.spans.length > 0)
      .map((recorder) => renderTimeline(recorder.spans, { now: now(), marks, ...recorder.options, title: undefined })),
  ];
  return drawn.length === 0 ? "" : `\n\n${WHAT_HAPPENED}\n${drawn.join("\n\n")}`;
}

/** True when a message already holds a timeline (the kit's, or one a test drew itself). */
export function hasTimeline(message: string): boolean {
  return message.includes(WHAT_HAPPENED) || /(^|\n)time \(ms\)\s/.test(message);
}

const explained = new WeakSet<object>();

/**
 * Call in a `beforeEach`: forgets what the previous test recorded (its abort
 * marks and recorders: their failure messages, written after its afterEach
 * hooks, have drawn them already) and, if this test fails, ends its failure
 * messages with the timelines (unless they drew one already). Mocked APIs
 * keep their requests until the next test begins, for the same reason.
 */
export function explainFailures(): void {
  clearMarks();
  activeRecorders.clear();
  onTestFailed(({ task }) => {
    if (explained.has(task)) return;
    explained.add(task);
    const drawn = whatHappened();
    if (!drawn) return;
    for (const error of task.result?.errors ?? []) {
      if (typeof error.message === "string" && !hasTimeline(error.message)) error.message += drawn;
    }
  });
}

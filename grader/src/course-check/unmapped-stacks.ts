// A setup file of the course check's one vitest run (run-chains.ts).
//
// For every failed test, vitest's main thread maps each frame of each error's
// stack through a source map, and for a frame in a file it did not transform
// (vitest's and chai's own, in node_modules) it reads that whole file from
// disk to look for one, every time: the stubs and wrong ways fail thousands
// of tests, so that was several seconds of the check's CPU (profiled: ~3.6 s
// of the main thread, which the test workers wait on). The check reads no
// stack, only each test's name, state and message: so each error says its
// stack is mapped already (an empty list of frames), and vitest leaves it.
// (The check's transforms make no source maps for the same reason:
// memo-transform.ts. This one is for frames in files nothing transformed.)
import { afterEach } from "vitest";

// Registered first, so it runs after the test file's own afterEach hooks (vitest runs them as a stack).
afterEach(({ task }) => {
  for (const error of task.result?.errors ?? []) (error as { stacks?: unknown[] }).stacks ??= [];
});

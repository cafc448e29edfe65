// `@course/testkit/demo`: what an exercise's demo.ts uses. Nothing here loads
// vitest or msw: a demo is a plain Node program on real time.
export {
  runDemo,
  seconds,
  DEMO_OK,
  DEMO_BROKEN,
  type Demo,
  type RunDemoOptions,
  type Outcome,
  type TaskRecorder,
  type Heartbeat,
  type PartOptions,
  type SettleOptions,
  type ServerOptions,
} from "./run-demo.ts";
export { startDemoServer, type DemoServer, type DemoRequest, type DemoServerEvent, type DemoServerOptions } from "./server.ts";
export { notWrittenYet, describeError, whereInSrc, loadFailure, type NotWritten } from "./errors.ts";
export type { Reply, Route } from "../http/mock-api.ts";

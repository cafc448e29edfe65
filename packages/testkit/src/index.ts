export { useVirtualClock, type VirtualClock, type Settled, type SettleOptions } from "./clock/virtual-clock.ts";
export { valueOf, reasonOf, describeOutcome, describeReason, whereItThrew, expectSettledAt, type ExpectedSettling } from "./clock/outcome.ts";
export { AbortError } from "./clock/timer-shims.ts";
export { sleep, at } from "./clock/schedule.ts";
export { settleInRealTime } from "./clock/real-time.ts";
export type { TurnByTurnOptions } from "./clock/turn-by-turn.ts";
export { watch, type Watched } from "./promise/watch.ts";
export {
  catchUnhandledRejections,
  collectUnhandledRejections,
  realTurns,
  type UnhandledRejections,
  type CatchingUnhandledRejections,
} from "./promise/unhandled.ts";
export { serveSlowBody, type SlowBodyReply } from "./http/slow-body.ts";
export { mockApi, type MockApi, type Reply, type Route, type RequestRecord } from "./http/mock-api.ts";
export { renderTimeline, type TimelineOptions } from "./timeline/render.ts";
export { peakConcurrency, nextSeq, type Span } from "./timeline/spans.ts";
export { recordSpans, type SpanRecorder, type Ending, type RecorderOptions } from "./timeline/recorder.ts";
export { whatHappened } from "./timeline/what-happened.ts";
export { abortMarks, type Mark } from "./timeline/marks.ts";
export type { TestFigures, FigureSpan } from "./timeline/figures.ts";
export { timelineMatchers } from "./matchers.ts";
export { startHeartbeat, type Heartbeat } from "./heartbeat.ts";
export { points } from "./points.ts";
export { srcChainUnderTest } from "./src-under-test.ts";
export { mulberry32, seededRandom, type Random } from "./random.ts";

export { useVirtualClock, type VirtualClock, type Settled, type SettleOptions } from "./clock/virtual-clock.ts";
export { valueOf, reasonOf, describeOutcome } from "./clock/outcome.ts";
export { AbortError } from "./clock/timer-shims.ts";
export { mockApi, type MockApi, type Reply, type Route, type RequestRecord } from "./http/mock-api.ts";
export { renderTimeline, type TimelineOptions } from "./timeline/render.ts";
export { peakConcurrency, nextSeq, type Span } from "./timeline/spans.ts";
export { timelineMatchers } from "./matchers.ts";
export { startHeartbeat, type Heartbeat } from "./heartbeat.ts";
export { points } from "./points.ts";

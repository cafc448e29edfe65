import type { MockApi } from "./mock-api.ts";

/** The mocked APIs of the running test file: failure messages draw their timelines (timeline/what-happened.ts). */
export const activeApis = new Set<MockApi>();

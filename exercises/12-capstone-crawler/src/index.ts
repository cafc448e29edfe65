export type { CrawlError, CrawlOptions, CrawledPage, CrawlResult } from "./types.ts";
export { crawl } from "./crawl.ts";

export type { ScrapeOptions, ScrapeResult } from "./types.ts";
export { scrapeUrls } from "./scrape-urls.ts";

export { retry } from "./retry.ts";
export { fetchWithRetry } from "./fetch-with-retry.ts";

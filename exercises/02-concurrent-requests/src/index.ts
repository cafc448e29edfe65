export { HttpError } from "./http-error.ts";
export { fetchJson } from "./fetch-json.ts";
export { fetchSequential } from "./fetch-sequential.ts";
export { fetchConcurrent } from "./fetch-concurrent.ts";

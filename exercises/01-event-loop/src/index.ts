export { snippets, type Log, type Snippet, type SnippetName } from "./snippets.ts";
export { predictions } from "./predictions.ts";

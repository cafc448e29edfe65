// A Stryker ignorer: the text of an error's message is not mutated.
//
// Why, as a class: a message is for the person reading it (the course's
// messages say what went wrong and with which value), and the contract pins
// only an error's class and its behaviour, never its wording; a test asserting
// every message word for word would make the tests about spelling. What the
// message is built from is still mutated where it is not a literal: the error's
// class, its `cause`, the condition that throws it.
import { declareValuePlugin, PluginKind } from "@stryker-mutator/api/plugin";

/** The ignorer's name, for Stryker's `ignorers` option. */
export const ERROR_MESSAGES_IGNORER = "error-messages";

export const ERROR_MESSAGE_REASON = "an error message's wording: for the reader, pinned by no contract (grader/src/mutation/error-messages.ts)";

interface Path {
  node: { type: string };
  parentPath: (Path & { node: { type: string; callee?: { type: string; name?: string }; arguments?: unknown[] } }) | null;
}

/** `new SomethingError(…)` / `new AggregateError(…)`: its callee is a name ending in "Error". */
function isErrorConstruction(path: Path["parentPath"]): boolean {
  const callee = path?.node.type === "NewExpression" ? path.node.callee : undefined;
  return callee?.type === "Identifier" && /Error$/.test(callee.name ?? "");
}

/** A string or template literal passed straight to an error's constructor. */
export function isErrorMessage(path: Path): boolean {
  const literal = path.node.type === "StringLiteral" || path.node.type === "TemplateLiteral";
  return literal && isErrorConstruction(path.parentPath) && (path.parentPath?.node.arguments ?? []).includes(path.node);
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, ERROR_MESSAGES_IGNORER, {
    shouldIgnore: (path: Path) => (isErrorMessage(path) ? ERROR_MESSAGE_REASON : undefined),
  }),
];

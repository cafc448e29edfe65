// msw reports an error thrown by a handler on the console (the error, then a
// line of its own), with no way to say it was meant: while mocked APIs are in
// use, the kit's own network errors (reply.ts) are kept off the console.
// Anything else is printed as before.
import { deliberate } from "./reply.ts";

let users = 0;
let quieted: { original: typeof console.error; wrapper: typeof console.error } | undefined;

/** +1 when a mocked API starts serving, -1 when it stops: quiet while any serves. */
export function quietDeliberateErrors(change: 1 | -1): void {
  users += change;
  if (users > 0 && !quieted) {
    const original = console.error;
    let swallowNext = false;
    const wrapper = function error(this: Console, ...args: unknown[]) {
      const [first] = args;
      if (typeof first === "object" && first !== null && deliberate in first) {
        swallowNext = true;
        return;
      }
      const followUp = swallowNext && typeof first === "string" && first.includes("Encountered an unhandled exception");
      swallowNext = false;
      if (!followUp) original.apply(this, args);
    };
    quieted = { original, wrapper };
    console.error = wrapper;
  } else if (users <= 0 && quieted) {
    // Put back only what is still ours: something else may have replaced it since.
    if (console.error === quieted.wrapper) console.error = quieted.original;
    quieted = undefined;
    users = 0;
  }
}

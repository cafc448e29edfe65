export { yieldToEventLoop } from "./yield-to-event-loop.ts";
export { sumOfSquaresSync } from "./sum-of-squares-sync.ts";
export { sumOfSquares } from "./sum-of-squares.ts";

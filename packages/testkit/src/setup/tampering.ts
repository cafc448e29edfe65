// Apart from integrity.ts, which is a vitest setup file (loading it registers
// hooks, which throws outside a test run): the grader imports these words to
// tell tampering from any other failure.

/** The words the integrity check fails a test with, and the grader looks for to report tampering as such. */
export const TAMPERING = "The code under test changed the test tools";

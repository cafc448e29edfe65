/** The error an assertion throws, to read its message; fails the test if the assertion passes. */
export function errorOf(assertion: () => void): Error {
  try {
    assertion();
  } catch (error) {
    return error as Error;
  }
  throw new Error("the assertion passed");
}

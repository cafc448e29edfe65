// Runs one of the grader's TypeScript entry points without a build step: on
// Node's own type stripping where this Node has it (22.18+), which starts
// fastest, else through tsx.
export async function runTs(entry) {
  if (!process.features.typescript) {
    const { register } = await import("tsx/esm/api");
    register();
  }
  await import(entry);
}

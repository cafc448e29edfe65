// Runs before the course's own commands, on whatever Node the student has.
// Kept to syntax that very old Node versions parse, so the message always shows
// instead of a stack trace from deep inside vitest or msw.
var parts = process.versions.node.split(".").map(Number);
var ok = parts[0] > 22 || (parts[0] === 22 && parts[1] >= 12);
if (!ok) {
  console.error(
    "Node 22.12 or newer is needed (you have " + process.version + ").\n" +
      "Install Node 24 (the version in .nvmrc), e.g. with `nvm install` in the course folder, then try again."
  );
  process.exit(1);
}

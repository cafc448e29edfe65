// Runs before the course's own commands, on whatever Node the student has.
// Kept to syntax that very old Node versions parse, so the message always shows
// instead of a stack trace from deep inside vitest or msw.
var parts = process.versions.node.split(".").map(Number);
var ok = parts[0] > 22 || (parts[0] === 22 && parts[1] >= 12);
if (!ok) {
  // nvm reads .nvmrc; nvm-windows does not, and most Windows users have the installer.
  var how = process.platform === "win32" ? "e.g. with the Windows installer from https://nodejs.org" : "e.g. with `nvm install` in the course folder";
  console.error(
    "Node 22.12 or newer is needed (you have " + process.version + ").\n" + "Install Node 24 (the version in .nvmrc), " + how + ", then try again."
  );
  process.exit(1);
}

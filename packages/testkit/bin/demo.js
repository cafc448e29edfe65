// `npm run demo` in an exercise folder: runs that exercise's demo.ts, which
// runs the student's own code for real (see ../src/demo/run-demo.ts). Node
// runs the TypeScript itself, stripping the types (22.18+), else through tsx.
// With COURSE_SRC_DIRS set, as the course's tests set it, the code comes from
// those folders laid over src/, first wins (a reference solution).
import { existsSync } from "node:fs";
import module from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("../../..", import.meta.url));
process.env.NODE_COMPILE_CACHE ??= path.join(root, "node_modules", ".cache", "node-compile-cache");
module.enableCompileCache?.(process.env.NODE_COMPILE_CACHE);

// Output piped into a reader that stopped reading (`npm run demo | head`): nothing more to say.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
});

async function main() {
  const demo = path.join(process.cwd(), "demo.ts");
  if (!existsSync(demo)) {
    console.error("There is no demo.ts here: run `npm run demo` in an exercise folder (02 to 12).");
    return 1;
  }
  if (!process.features.typescript) {
    try {
      const { register } = await import("tsx/esm/api");
      register();
    } catch {
      console.error(`npm run demo needs Node 22.18 or newer (you have ${process.version}): install Node 24, as .nvmrc says.`);
      return 1;
    }
  }
  const overlays = (process.env.COURSE_SRC_DIRS ?? "").split(path.delimiter).filter(Boolean);
  if (overlays.length > 0) {
    const { useSrcChain } = await import("../src/demo/src-chain-hooks.ts");
    if (!useSrcChain(process.cwd(), overlays)) {
      console.error(`COURSE_SRC_DIRS needs module.registerHooks (Node 22.15 or newer; you have ${process.version}).`);
      return 1;
    }
  }
  await import(pathToFileURL(demo).href);
  return process.exitCode ?? 0;
}

let code;
try {
  code = await main();
} catch (error) {
  console.error(`The demo could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  code = 1;
}
// Whatever the code under test left running (a timer, a hanging request, a
// worker) must not keep the demo open once it has told its story: exit, once
// what was printed has been written out.
process.stdout.write("", () => process.exit(code));

// `npm test` in an exercise: checks the Node version (in syntax old Nodes parse,
// so the message shows instead of a stack trace from deep inside vitest), turns
// on Node's compile cache (every run after the first starts faster: vitest,
// vite and msw are large), then runs vitest in this same process.
var parts = process.versions.node.split(".").map(Number);
if (!(parts[0] > 22 || (parts[0] === 22 && parts[1] >= 12))) {
  require("./check-node.cjs");
}
var path = require("node:path");
var nodeModule = require("node:module");
var cache = path.join(__dirname, "..", "node_modules", ".cache", "node-compile-cache");
if (!process.env.NODE_COMPILE_CACHE) process.env.NODE_COMPILE_CACHE = cache;
if (nodeModule.enableCompileCache) nodeModule.enableCompileCache(process.env.NODE_COMPILE_CACHE);
// vitest reads its arguments from process.argv, as if it had been started itself.
var cli = path.join(path.dirname(require.resolve("vitest/package.json")), "vitest.mjs");
process.argv.splice(1, 1, cli);
import(require("node:url").pathToFileURL(cli).href);

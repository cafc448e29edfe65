import { createHash } from "node:crypto";
import { transformWithOxc, type Plugin } from "vite";

/**
 * What a transform returns to say it has no source map: vite then makes none
 * after it either (its SSR transform's own, the one it sends each worker).
 */
const NO_MAP = { mappings: "" };

/**
 * Vite's TypeScript transform, remembered by content, without source maps.
 * The course check lays out every chain as a folder of its own, so the same
 * test file and most of the same src files stand under many paths: transformed
 * once each, they would be transformed some 2,000 times instead of some 400.
 * Replaces vite's own oxc transform (configure `oxc: false` beside it); the
 * code is the same. No maps, because the check reads no stack
 * (unmapped-stacks.ts), and making, combining and sending a map for each of
 * those 2,000 modules is work for vitest's main thread, which every worker
 * waits on for each module it loads (measured: some 5 % of the CPU of the
 * check of six virtual-time exercises).
 */
export function memoTransform(): Plugin {
  const memo = new Map<string, Promise<{ code: string }>>();
  return {
    name: "course:memo-transform",
    transform(code, id) {
      const file = id.split("?")[0]!;
      if (!/\.m?ts$/.test(file)) return null;
      const key = createHash("sha1")
        .update(file.endsWith(".mts") ? "mts\0" : "ts\0")
        .update(code)
        .digest("hex");
      let result = memo.get(key);
      if (!result) {
        result = transformWithOxc(code, file, { lang: "ts", sourcemap: false }).then(({ code }) => ({ code }));
        memo.set(key, result);
      }
      return result.then(({ code }) => ({ code, map: NO_MAP, moduleType: "js" }));
    },
  };
}

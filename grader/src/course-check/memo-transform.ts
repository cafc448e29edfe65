import { createHash } from "node:crypto";
import { transformWithOxc, type Plugin } from "vite";

/**
 * Vite's TypeScript transform, remembered by content. The course check lays
 * out every chain as a folder of its own, so the same test file and most of the
 * same src files stand under many paths: transformed once each, they would be
 * transformed some 2,000 times instead of some 400. Replaces vite's own oxc
 * transform (configure `oxc: false` beside it); the output is the same.
 */
export function memoTransform(): Plugin {
  const memo = new Map<string, Promise<{ code: string; map: unknown }>>();
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
        result = transformWithOxc(code, file, { lang: "ts", sourcemap: true }).then(({ code, map }) => ({ code, map }));
        memo.set(key, result);
      }
      return result.then(({ code, map }) => ({ code, map: map as never, moduleType: "js" }));
    },
  };
}

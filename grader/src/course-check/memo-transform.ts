import { createHash } from "node:crypto";
import { moduleRunnerTransform, transformWithOxc, type Plugin } from "vite";

/**
 * What a transform returns to say it has no source map: vite then makes none
 * after it either (its SSR transform's own, the one it sends each worker).
 */
const NO_MAP = { mappings: "" as const };

/**
 * A transform of code to code, remembered by the code it is given (and what
 * `kind` says of the module, when the result depends on more than the code).
 * A failure (a syntax error) names the module it was found in: it is not
 * remembered for the others.
 */
function byContent(transform: (code: string, id: string) => Promise<string>, kind: (id: string) => string = () => "") {
  const memo = new Map<string, Promise<string>>();
  return (code: string, id: string): Promise<string> => {
    const key = createHash("sha1").update(kind(id)).update("\0").update(code).digest("hex");
    let result = memo.get(key);
    if (!result) {
      result = transform(code, id);
      result.catch(() => memo.delete(key));
      memo.set(key, result);
    }
    return result;
  };
}

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
  const transform = byContent(
    async (code, file) => (await transformWithOxc(code, file, { lang: "ts", sourcemap: false })).code,
    (file) => (file.endsWith(".mts") ? "mts" : "ts"),
  );
  return {
    name: "course:memo-transform",
    async transform(code, id) {
      const file = id.split("?")[0]!;
      if (!/\.m?ts$/.test(file)) return null;
      return { code: await transform(code, file), map: NO_MAP, moduleType: "js" };
    },
  };
}

/**
 * Vite's module-runner transform (imports and exports rewritten for vitest's
 * workers), remembered by content: like the TypeScript transform above, it
 * would otherwise run once per path, some 2,000 times for some 400 contents.
 * Vite's own is turned off for the check's environments; this one runs last,
 * on every module vite transforms, and its output depends on the code alone
 * (vite reads the module's URL only for errors and maps, and there are no maps).
 */
export function memoModuleRunnerTransform(): Plugin {
  const transform = byContent(async (code, id) => {
    const transformed = await moduleRunnerTransform(code, NO_MAP, id, code);
    if (!transformed) throw new Error(`vite's module-runner transform returned nothing for ${id}`);
    return transformed.code;
  });
  return {
    name: "course:memo-module-runner-transform",
    enforce: "post",
    configEnvironment: {
      order: "post",
      handler: () => ({ dev: { moduleRunnerTransform: false } }),
    },
    async transform(code, id) {
      return { code: await transform(code, id), map: NO_MAP };
    },
  };
}

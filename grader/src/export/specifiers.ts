// What a source file imports, read from its text: enough to follow the
// grader's own modules and to know which npm packages a folder uses, without
// loading (or compiling) any of it.

/**
 * Module specifiers in a source file: static and dynamic imports, re-exports,
 * `require`/`require.resolve`, and `new URL("./file", import.meta.url)` (how
 * the grader names the files it hands to vitest, e.g. its reporter).
 */
const SPECIFIERS = [
  /\b(?:import|export)\s[^;'"]*?\bfrom\s*["']([^"']+)["']/g,
  /\bimport\s*["']([^"']+)["']/g,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  /\brequire(?:\.resolve)?\s*\(\s*["']([^"']+)["']\s*\)/g,
  /\bnew\s+URL\s*\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g,
];

/** Comments could name an import that is not there (`// see "./x.ts"`): they are dropped first. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

export function moduleSpecifiers(source: string): string[] {
  const code = withoutComments(source);
  const found = new Set<string>();
  for (const pattern of SPECIFIERS) for (const match of code.matchAll(pattern)) found.add(match[1]!);
  return [...found];
}

/** The npm package a bare specifier names: `vitest/node` → `vitest`, `@course/testkit/config` → `@course/testkit`. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:")) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** The npm packages that any of `sources` imports. */
export function packagesImportedBy(sources: Iterable<string>): Set<string> {
  const found = new Set<string>();
  for (const source of sources) {
    for (const specifier of moduleSpecifiers(source)) {
      const name = packageOf(specifier);
      if (name !== undefined) found.add(name);
    }
  }
  return found;
}

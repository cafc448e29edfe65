import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { createSrcChain, resolveInChain } from "../src/config/index.ts";
import { srcChainUnderTest } from "../src/src-under-test.ts";

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "src-chain-"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe("resolveInChain", () => {
  const root = tree({
    "exercise/src/index.ts": "",
    "exercise/src/given.ts": "",
    "exercise/src/todo.ts": "",
    "exercise/test/a.test.ts": "",
    "solution/src/todo.ts": "",
    "solution/src/index.ts": "",
    "wrong/todo.ts": "",
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const at = (p: string) => path.join(root, p);
  const chain = createSrcChain([at("wrong"), at("solution/src")], at("exercise/src"));

  test("the first folder holding the file wins", () => {
    expect(resolveInChain(chain, "../src/todo.js", at("exercise/test/a.test.ts"))).toBe(at("wrong/todo.ts"));
    expect(resolveInChain(chain, "../src/index.ts", at("exercise/test/a.test.ts"))).toBe(at("solution/src/index.ts"));
  });

  test("a file missing from the overlays comes from the exercise", () => {
    expect(resolveInChain(chain, "./given.ts", at("solution/src/index.ts"))).toBe(at("exercise/src/given.ts"));
    expect(resolveInChain(chain, "./given", at("wrong/todo.ts"))).toBe(at("exercise/src/given.ts"));
  });

  test("a file the exercise gives always comes from the exercise, whatever the overlays hold", () => {
    const pinned = createSrcChain([at("wrong"), at("solution/src")], at("exercise/src"), ["todo.ts"]);
    expect(resolveInChain(pinned, "../src/todo.js", at("exercise/test/a.test.ts"))).toBe(at("exercise/src/todo.ts"));
    expect(resolveInChain(pinned, "./index.ts", at("solution/src/todo.ts"))).toBe(at("solution/src/index.ts"));
  });

  test("imports outside the chain and bare imports are left alone", () => {
    expect(resolveInChain(chain, "../test/a.test.ts", at("exercise/src/index.ts"))).toBeUndefined();
    expect(resolveInChain(chain, "vitest", at("exercise/src/index.ts"))).toBeUndefined();
  });
});

describe("srcChainUnderTest", () => {
  test("without a chain from the config, is the exercise's own src/ with the files its package.json gives", () => {
    const root = mkdtempSync(path.join(tmpdir(), "kit-under-test-"));
    try {
      mkdirSync(path.join(root, "src"));
      writeFileSync(path.join(root, "package.json"), JSON.stringify({ course: { given: ["src/legacy.ts"] } }));
      const chain = srcChainUnderTest(root);
      expect(chain.dirs).toEqual([path.join(root, "src")]);
      expect([...chain.given]).toEqual(["legacy.ts"]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

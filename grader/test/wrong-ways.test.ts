import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { listExercises, listVariants, solutionDir } from "../src/exercises.ts";
import { formatWithWrongWays } from "../src/wrong-ways/format.ts";
import { refreshPatch } from "../src/wrong-ways/refresh.ts";
import { applyWrongWay, formatWrongWay, parseWrongWay, PatchError } from "../src/wrong-ways/wrong-way.ts";

const reference = {
  "queue.ts": [
    "export class Queue {",
    "  #items: number[] = [];",
    "",
    "  take(): number | undefined {",
    "    return this.#items.shift();",
    "  }",
    "}",
    "",
  ].join("\n"),
  "index.ts": 'export { Queue } from "./queue.ts";\n',
};
const read = (files: Record<string, string>) => (file: string) => {
  const text = files[file];
  if (text === undefined) throw new Error(`no ${file}`);
  return text;
};
const lifo = reference["queue.ts"].replace("shift()", "pop()");
const why = "Wrong: pop() takes the newest item, not the oldest.";

describe("a wrong way as a patch", () => {
  test("is the header, then a unified diff that reproduces the edit", () => {
    const text = formatWrongWay(why, [{ file: "queue.ts", before: reference["queue.ts"], after: lifo }]);
    expect(text.split("\n").slice(0, 3)).toEqual([why, "--- a/queue.ts", "+++ b/queue.ts"]);
    expect(text).toContain("-    return this.#items.shift();\n+    return this.#items.pop();");
    const wrongWay = parseWrongWay(text, "/x/wrong/lifo.patch");
    expect(wrongWay.name).toBe("lifo");
    expect(wrongWay.why).toBe(why);
    expect(applyWrongWay(wrongWay, read(reference))).toEqual(new Map([["queue.ts", lifo]]));
  });

  test("may be written by diff -u or git diff (git's own lines are not the header)", () => {
    const diff = formatWrongWay(why, [{ file: "queue.ts", before: reference["queue.ts"], after: lifo }])
      .split("\n")
      .slice(1)
      .join("\n");
    const gitStyle = `${why}\n\ndiff --git a/queue.ts b/queue.ts\nindex 3b18e51..a1b2c3d 100644\n${diff}`;
    const wrongWay = parseWrongWay(gitStyle, "lifo.patch");
    expect(wrongWay.why).toBe(why);
    expect(applyWrongWay(wrongWay, read(reference)).get("queue.ts")).toBe(lifo);
  });

  test("needs a header that says what is wrong, and cannot add a file", () => {
    const diff = formatWrongWay(why, [{ file: "queue.ts", before: reference["queue.ts"], after: lifo }])
      .split("\n")
      .slice(1)
      .join("\n");
    expect(() => parseWrongWay(diff, "wrong/lifo.patch")).toThrow(/lifo\.patch has no header/);
    const adds = `${why}\n--- /dev/null\n+++ b/extra.ts\n@@ -0,0 +1 @@\n+export {};\n`;
    expect(() => parseWrongWay(adds, "wrong/adds.patch")).toThrow(/cannot add or delete/);
  });

  test("that no longer fits the reference fails naming the patch, the file and the hunk", () => {
    const wrongWay = parseWrongWay(formatWrongWay(why, [{ file: "queue.ts", before: reference["queue.ts"], after: lifo }]), "wrong/lifo.patch");
    const fixed = { ...reference, "queue.ts": reference["queue.ts"].replace("return this.#items.shift();", "return this.#items.splice(0, 1)[0];") };
    expect(() => applyWrongWay(wrongWay, read(fixed))).toThrow(PatchError);
    expect(() => applyWrongWay(wrongWay, read(fixed))).toThrow(
      /^wrong\/lifo\.patch no longer applies to the reference: hunk 1 of queue\.ts \(@@ -2,6 \+2,6 @@, at "return this\.#items\.shift\(\);"\)/,
    );
  });

  test("still applies when the lines it changes only moved", () => {
    const wrongWay = parseWrongWay(formatWrongWay(why, [{ file: "queue.ts", before: reference["queue.ts"], after: lifo }]), "wrong/lifo.patch");
    const moved = { ...reference, "queue.ts": `// A queue.\n\n${reference["queue.ts"]}` };
    expect(applyWrongWay(wrongWay, read(moved)).get("queue.ts")).toBe(`// A queue.\n\n${lifo}`);
  });
});

describe("refreshing a wrong way", () => {
  const wrongWay = parseWrongWay(formatWrongWay(why, [{ file: "queue.ts", before: reference["queue.ts"], after: lifo }]), "wrong/lifo.patch");

  test("moves a hunk whose context changed, when the lines it changes stand once in the reference", () => {
    const renamed = reference["queue.ts"].replace("take(): number | undefined {", "next(): number | undefined {");
    expect(() => applyWrongWay(wrongWay, read({ ...reference, "queue.ts": renamed }))).toThrow(PatchError);
    const text = refreshPatch(wrongWay, read({ ...reference, "queue.ts": renamed }));
    expect(text.startsWith(`${why}\n`)).toBe(true);
    const refreshed = parseWrongWay(text, "wrong/lifo.patch");
    expect(applyWrongWay(refreshed, read({ ...reference, "queue.ts": renamed })).get("queue.ts")).toBe(renamed.replace("shift()", "pop()"));
  });

  test("leaves a hunk to a person when the lines it changes stand twice", () => {
    const twice = reference["queue.ts"].replace(
      "  take(): number | undefined {",
      "  peek(): number | undefined {\n    return this.#items.shift();\n  }\n\n  next(): number | undefined {",
    );
    expect(() => refreshPatch(wrongWay, read({ ...reference, "queue.ts": twice }))).toThrow(
      /hunk 1 of queue\.ts: the lines it changes stand 2 times/,
    );
  });

  test("leaves a hunk to a person when the lines it changes are gone", () => {
    const gone = reference["queue.ts"].replace("return this.#items.shift();", "return this.#items.splice(0, 1)[0];");
    expect(() => refreshPatch(wrongWay, read({ ...reference, "queue.ts": gone }))).toThrow(/no longer in the reference/);
  });
});

describe("formatting the reference with its wrong ways", () => {
  // A formatter that only joins a call split over lines, as the formatter does when it fits: enough to break a patch's context.
  const join = async (text: string) => text.replaceAll("(\n    )", "()");
  const split = reference["queue.ts"].replace("shift()", "shift(\n    )");
  const unformatted = new Map([
    ["queue.ts", split],
    ["index.ts", reference["index.ts"]],
  ]);
  const lifoOfSplit = parseWrongWay(
    formatWrongWay(why, [{ file: "queue.ts", before: split, after: split.replace("return this.#items.shift(", "return this.#items.pop(") }]),
    "/x/wrong/lifo.patch",
  );

  test("writes each patch again against the formatted reference: the same header, the same mistake", async () => {
    const { reference: formatted, patches } = await formatWithWrongWays(unformatted, [lifoOfSplit], join);
    expect(formatted.get("queue.ts")).toBe(reference["queue.ts"]);
    const patch = parseWrongWay(patches.get(lifoOfSplit)!, "/x/wrong/lifo.patch");
    expect(patch.why).toBe(why);
    expect(applyWrongWay(patch, read(reference))).toEqual(new Map([["queue.ts", lifo]]));
  });

  test("refuses, naming the wrong way, when formatting would erase its mistake", async () => {
    const spaced = parseWrongWay(
      formatWrongWay(why, [{ file: "queue.ts", before: split, after: split.replace("shift(\n    )", "shift()") }]),
      "/x/wrong/only-spacing.patch",
    );
    await expect(formatWithWrongWays(unformatted, [spaced], join)).rejects.toThrow(
      "wrong/only-spacing.patch: formatted, it would no longer change anything",
    );
  });
});

describe("the course's wrong ways", () => {
  const all = listExercises().flatMap((id) => listVariants(id, "wrong").map((name) => [id, name] as const));

  test("each is a patch with a header that applies to its reference as it stands", () => {
    expect(all.length).toBeGreaterThan(0);
    for (const [id, name] of all) {
      const file = path.join(solutionDir(id), "wrong", `${name}.patch`);
      const wrongWay = parseWrongWay(readFileSync(file, "utf8"), file);
      expect(wrongWay.why, `${id}/wrong/${name}.patch`).toMatch(/^Wrong: /);
      expect(() => applyWrongWay(wrongWay, (rel) => readFileSync(path.join(solutionDir(id), "src", rel), "utf8"))).not.toThrow();
    }
  });
});

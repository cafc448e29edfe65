// First, before the code under test loads: it routes Node's fs through the
// tests' pretend file system (see the file), whatever the code keeps of it.
import "./support/fake-fs.ts";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadConfigs, saveAll } from "../src/index.ts";
import { collectUnhandledRejections, realTurns } from "@course/testkit";

// The other tests run on a pretend file system, where timing is exact. These
// two check, once, that the code works on the real one too: in a fresh
// temporary folder (removed afterwards), with real timers and tiny files, so
// they take a few milliseconds. Timing is not their business, so they are
// written to pass or fail the same way however fast the disk is.
collectUnhandledRejections();
let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "course-11-pitfalls-"));
});
afterAll(async () => {
  await realTurns(10); // anything the code under test left running ends before the folder goes
  await rm(dir, { recursive: true, force: true });
});

/** The text of `file`, once it holds `expected` or after a few real turns of the loop. */
async function textOf(file: string, expected: string): Promise<string | undefined> {
  let text: string | undefined;
  for (let turn = 0; turn < 50 && text !== expected; turn++) {
    text = await readFile(file, "utf8").catch(() => undefined);
    if (text !== expected) await realTurns(1);
  }
  return text;
}

describe("on the real disk", () => {
  test("loadConfigs reads JSON files from a real folder", async () => {
    const values = [{ name: "shop" }, [1, 2, 3], "just a string"];
    for (const [i, value] of values.entries()) {
      const file = path.join(dir, `config-${i}.json`);
      await writeFile(file, JSON.stringify(value));
      // One file per call: the order the disk answers in is not what this test is about.
      expect(await loadConfigs([file]), `loadConfigs(["${file}"])`).toEqual([value]);
    }
  });

  test("saveAll writes the files into a real folder", async () => {
    const files = { "a.txt": "alpha", "b.json": '{"b":2}', "notes.md": "ünïcödé ✓\n" };
    await saveAll(files, dir);
    for (const [name, text] of Object.entries(files)) {
      expect(await textOf(path.join(dir, name), text), `saveAll should write ${name} into ${dir}, with its text`).toBe(text);
    }
  });
});

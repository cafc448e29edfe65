// `npm run demo`: the given legacy functions beside your fixed ones, for
// real, on the real disk (a temporary folder, removed at the end). Given: no
// need to edit it (see README.md).
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runDemo, seconds } from "@course/testkit/demo";

process.exitCode = await runDemo(
  {
    title: "11 · Pitfalls",
    intro: ["Each legacy function beside your fixed one: a timer that should tick every 50 ms, files on the real disk."],
  },
  async (demo) => {
    const { loadConfigs, saveAll, pause } = await import("./src/index.ts");
    const { legacyPause, legacySaveAll } = await import("./src/legacy.ts");
    const dir = await mkdtemp(path.join(tmpdir(), "async-course-demo-"));
    try {
      const beside = async (what: string, run: () => Promise<void>) => {
        const rows = demo.tasks("running");
        const heartbeat = demo.heartbeat(50, { log: true });
        const end = rows.begin(what);
        const outcome = await demo.settle(what, run);
        end(outcome.ok ? "done" : "failed");
        const { ticks, longestGapMs } = heartbeat.stop();
        demo.say(`The timer ticked ${ticks} time${ticks === 1 ? "" : "s"}; its longest wait was ${seconds(longestGapMs)}.`);
      };
      await demo.part("legacyPause(300), given: waits by watching the clock", () => beside("legacyPause(300)", () => legacyPause(300)));
      await demo.part("pause(300), yours", () => beside("pause(300)", () => pause(300)));

      const files = Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`note-${i}.txt`, `note ${i}\n`.repeat(20_000)]));
      const saved = (folder: string) =>
        Object.entries(files).filter(([name, text]) => existsSync(path.join(folder, name)) && readFileSync(path.join(folder, name), "utf8") === text)
          .length;
      const saving = async (name: string, save: (files: Record<string, string>, dir: string) => Promise<void>) => {
        const folder = path.join(dir, name);
        await rm(folder, { recursive: true, force: true });
        await import("node:fs/promises").then((fs) => fs.mkdir(folder));
        await demo.settle(`${name}(5 files)`, () => save(files, folder), { show: () => "done" });
        demo.log(`files complete on disk right then: ${saved(folder)} of 5`);
        await demo.wait(200);
        const broken = { "ok.txt": "fine", "no-such-folder/lost.txt": "this one cannot be written" };
        await demo.settle(`${name}(a file in a folder that does not exist)`, () => save(broken, folder), { show: () => "done, as if all was well" });
        await demo.wait(100);
      };
      await demo.part("legacySaveAll, given: starts every write and waits for none", () => saving("legacySaveAll", legacySaveAll));
      await demo.part("saveAll, yours", () => saving("saveAll", saveAll));

      await demo.part("loadConfigs: three JSON files, then one that is broken", async () => {
        const config = (name: string, text: string) => writeFile(path.join(dir, name), text).then(() => path.join(dir, name));
        const paths = await Promise.all([
          config("app.json", '{ "port": 8080 }'),
          config("db.json", '{ "host": "localhost" }'),
          config("cache.json", '{ "ttl": 60 }'),
        ]);
        await demo.settle("loadConfigs(app, db, cache)", () => loadConfigs(paths));
        const broken = await config("broken.json", '{ "ttl": 60, }');
        const outcome = await demo.settle("loadConfigs(app, broken, cache)", () => loadConfigs([paths[0]!, broken, paths[2]!]));
        if (!outcome.ok) {
          const named = outcome.reason instanceof Error && outcome.reason.message.includes("broken.json");
          demo.say(named ? "The message names the broken file." : "The message does not say which file is broken: with twenty files, which one?");
        }
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
);

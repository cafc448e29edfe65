// npm run compare end to end: two folders graded in sandboxed processes,
// printed side by side with the diff, and written as a page.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";

const run = promisify(execFile);
const fixtureCourse = path.join(import.meta.dirname, "fixtures", "course");
const cli = path.join(import.meta.dirname, "..", "bin", "compare.js");
const work = mkdtempSync(path.join(tmpdir(), "compare-cli-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("npm run compare", () => {
  const a = path.join(work, "a");
  const b = path.join(work, "b");
  cpSync(path.join(fixtureCourse, "solutions"), a, { recursive: true });
  cpSync(path.join(fixtureCourse, "solutions"), b, { recursive: true });
  writeFileSync(path.join(b, "02-echo", "src", "echo.ts"), "export async function echo(text: string): Promise<string> {\n  return text;\n}\n");

  test("npm run compare -- A B --diff ID --html F grades folders, prints them side by side and the diff, and writes them as a page", async () => {
    const html = path.join(work, "compare.html");
    const { stdout } = await run(
      process.execPath,
      [cli, a, b, "--course", fixtureCourse, "--exercise", "02-echo", "--diff", "02-echo", "--html", html],
      { timeout: 180_000 },
    );
    expect(stdout).toContain(`A: ${a}  3/3\nB: ${b}  1/3\n`);
    expect(stdout).toContain("  ✓ ✗  echo waits ms first\n");
    // The virtual time each test's work took, as the test kit recorded it in the sandboxed run: b answers at once.
    expect(stdout).toContain("  virtual time (makespan, peak requests in flight), all tests: A 260 ms  B 0 ms\n");
    expect(stdout).toContain("  A 250 ms  B 0 ms    echo waits ms first\n");
    expect(stdout).toContain(`+++ ${b}/02-echo/src/echo.ts\n`);
    // The same as a page: the report's tables for the two, and the diff, line by line.
    const page = readFileSync(html, "utf8");
    expect(page).toContain(`<h2>02-echo: ${a} against ${b}</h2><pre class="diff">`);
    expect(page).toContain('<span class="del">-  await new Promise((resolve) =&gt; setTimeout(resolve, ms));</span>');
    expect(page).toMatch(new RegExp(`<tr><td>${b}</td><td class="num fail" data-sort="1"`));
    expect(page).toContain('<tr><td>echo waits ms first</td><td class="num" data-sort="250">250 ms</td><td class="num" data-sort="0">0 ms</td></tr>');
  }, 200_000);

  test("a name that is neither a folder nor a student of the class is refused in one line, exit code 2", async () => {
    const failure = await run(process.execPath, [cli, a, "nobody"]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toBe("compare: nobody is neither a folder nor a student (give --class class-report/class.json to name students)\n");
  });
});

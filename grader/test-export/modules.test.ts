// The export's pieces, one at a time: quick checks beside the slow ones.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { graderClosure } from "../src/export/grader-closure.ts";
import { studentGraderManifest, studentPackageManifest, trimTsconfig } from "../src/export/manifests.ts";
import { moduleSpecifiers, packageOf } from "../src/export/specifiers.ts";
import { fillIn, writeStudentFiles } from "../src/export/templates.ts";
import { courseRoot } from "./support/course.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "course-export-modules-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("moduleSpecifiers", () => {
  test("finds imports of every form the grader uses, and none in comments", () => {
    const source = [
      'import { a } from "./a.ts";',
      'import type { B } from "vitest/node";',
      "import {\n  c,\n  d,\n} from '../c.ts';",
      'export { e } from "./e.ts";',
      'import "./side-effect.ts";',
      'const tsx = await import("tsx/esm/api");',
      'const cli = require.resolve("vitest/package.json");',
      'const reporter = new URL("./ipc-reporter.ts", import.meta.url);',
      '// import { old } from "./old.ts";',
      '/* new URL("./gone.ts", import.meta.url) */',
      'const message = `${file} imports "${source}"`;',
    ].join("\n");
    expect(moduleSpecifiers(source).sort()).toEqual(
      ["./a.ts", "vitest/node", "../c.ts", "./e.ts", "./side-effect.ts", "tsx/esm/api", "vitest/package.json", "./ipc-reporter.ts"].sort(),
    );
  });

  test("names the package of a bare specifier, and none for a path or a built-in", () => {
    expect(packageOf("vitest/node")).toBe("vitest");
    expect(packageOf("@course/testkit/config")).toBe("@course/testkit");
    expect(packageOf("./x.ts")).toBeUndefined();
    expect(packageOf("node:fs")).toBeUndefined();
  });
});

describe("graderClosure", () => {
  test("of the real grader: what npm run grade loads, and nothing of the course check, wrong ways, measures or tests", () => {
    const { files, packages } = graderClosure(path.join(courseRoot, "grader"));
    expect(files).toEqual(expect.arrayContaining(["bin/grade.js", "bin/run-ts.js", "src/grade/cli.ts", "src/run/ipc-reporter.ts"]));
    expect(files.filter((file) => /course-check|wrong-ways|measure|^test|export/.test(file))).toEqual([]);
    expect(packages).toContain("vitest");
  });

  test("follows new URL(…, import.meta.url), stops at the grader's edge, and fails on a missing file inside it", () => {
    const grader = path.join(scratch, "grader");
    mkdirSync(path.join(grader, "bin"), { recursive: true });
    mkdirSync(path.join(grader, "src"), { recursive: true });
    writeFileSync(
      path.join(grader, "bin/grade.js"),
      'import "../src/cli.ts";\nconst cache = new URL("../../node_modules/.cache", import.meta.url);\n',
    );
    writeFileSync(path.join(grader, "src/cli.ts"), 'import { z } from "zod";\nconst worker = new URL("./worker.ts", import.meta.url);\n');
    writeFileSync(path.join(grader, "src/worker.ts"), "export {};\n");
    expect(graderClosure(grader)).toEqual({ files: ["bin/grade.js", "src/cli.ts", "src/worker.ts"], packages: ["zod"] });
    writeFileSync(path.join(grader, "src/worker.ts"), 'import "./missing.ts";\n');
    expect(() => graderClosure(grader)).toThrow(/src\/worker\.ts imports "\.\/missing\.ts"/);
  });
});

describe("manifests", () => {
  test("the grader keeps only the bins and exports it ships, the dependencies it imports, no scripts or devDependencies", () => {
    const manifest = studentGraderManifest(
      {
        name: "@course/grader",
        bin: { "course-check": "./bin/course-check.js", "course-grade": "./bin/grade.js" },
        exports: { "./solution-config": "./src/course-check/solution-config.ts" },
        scripts: { check: "vitest run" },
        dependencies: { diff: "^9.0.0", vitest: "^5.1.1" },
        devDependencies: { ajv: "^8.0.0" },
      },
      new Set(["bin/grade.js"]),
      ["vitest"],
    );
    expect(manifest).toEqual(
      expect.objectContaining({ name: "@course/grader", bin: { "course-grade": "./bin/grade.js" }, dependencies: { vitest: "^5.1.1" } }),
    );
    expect(manifest).not.toHaveProperty("exports");
    expect(manifest).not.toHaveProperty("scripts");
    expect(manifest).not.toHaveProperty("devDependencies");
  });

  test("a shared package loses the scripts that run its own tests; a tsconfig, the folders that stayed behind", () => {
    expect(studentPackageManifest({ name: "@course/testkit", scripts: { typecheck: "tsc -p .", check: "tsc -p . && vitest run" } }).scripts).toEqual({
      typecheck: "tsc -p .",
    });
    expect(trimTsconfig({ include: ["src", "test", "vitest.config.ts"], exclude: ["test/fixtures"] }, (rel) => rel === "src")).toEqual({
      include: ["src"],
    });
  });
});

describe("templates", () => {
  test("fill in the repository, the tag and the exercise table; gitignore becomes .gitignore; scripts stay executable", () => {
    const from = path.join(scratch, "student-files");
    mkdirSync(path.join(from, "docs"), { recursive: true });
    writeFileSync(path.join(from, "gitignore"), "node_modules/\n");
    writeFileSync(path.join(from, "workflow.yml"), "repository: __COURSE_REPOSITORY__\nref: __COURSE_REF__\n");
    writeFileSync(path.join(from, "docs/run"), "#!/bin/sh\n", { mode: 0o755 });
    const to = path.join(scratch, "out");
    const written = writeStudentFiles(to, { repository: "class/course", ref: "v2.0.0", exercises: "" }, from);
    expect(written.sort()).toEqual([".gitignore", "docs/run", "workflow.yml"]);
    expect(readFileSync(path.join(to, "workflow.yml"), "utf8")).toBe("repository: class/course\nref: v2.0.0\n");
    expect(statSync(path.join(to, "docs/run")).mode & 0o111).not.toBe(0);
    expect(fillIn("a\n<!-- exercises -->\nb", { repository: "", ref: "", exercises: "| table |" })).toBe("a\n| table |\nb");
  });
});

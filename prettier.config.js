// The one formatter (issue 14). Options chosen to match the code as it was
// written, so that adopting prettier changed as few lines as possible
// (measured over the repository's TypeScript and JavaScript: 832 changed lines
// at 150 characters, against 876 at 140 and 881 at 160, 2,036 at 120):
// - printWidth 150: the code's long lines (a test's name, a failure message)
//   run to 140–160 characters; .editorconfig says the same for editors.
// - Prettier 3's defaults for the rest, which are already the code's habits:
//   double quotes, semicolons, trailing commas everywhere, 2 spaces, parentheses
//   around every arrow function's parameter.
/** @type {import("prettier").Config} */
export default {
  printWidth: 150,
  overrides: [
    {
      // TypeScript read by Babel's parser (prettier's "babel-ts") instead of
      // TypeScript's own: the same output on every .ts file here (checked by
      // formatting all 440 with each and comparing), for about a fifth less of
      // `prettier --check .`'s CPU (issue 7: 2–3 of its 11–14 CPU-s). A file
      // Babel cannot parse fails the check loudly, naming it; it never passes.
      files: ["*.ts", "*.mts", "*.cts"],
      options: { parser: "babel-ts" },
    },
    {
      // Runs on whatever Node a student has, to say which one is needed:
      // kept to syntax very old Node parses, so no trailing comma after a
      // call's last argument (ES2017).
      files: "scripts/check-node.cjs",
      options: { trailingComma: "es5" },
    },
  ],
};

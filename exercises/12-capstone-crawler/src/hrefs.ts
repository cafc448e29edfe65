/**
 * Given: the `href` of every `<a>` element in an HTML document, in order of
 * appearance, exactly as written (HTML entities such as `&amp;` decoded, so
 * still relative, still with any `#fragment`). `<a>` elements without an
 * `href`, and other elements (`<link href>`, `<img src>`), are not links to follow.
 *
 *     hrefsIn(`<a href="/a">A</a> <link href="/style.css"> <a class=x href='b#top'>B</a>`)
 *     // → ["/a", "b#top"]
 *
 * A regular expression is enough for the pages of this exercise; a real
 * crawler would use an HTML parser (parse5, cheerio), which also copes with
 * scripts, `<base href>` and broken markup.
 */
export function hrefsIn(html: string): string[] {
  const hrefs: string[] = [];
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, "");
  for (const [tag] of withoutComments.matchAll(/<a\s[^>]*>/gi)) {
    const attribute = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i.exec(tag);
    if (attribute) hrefs.push(decodeEntities(attribute[1] ?? attribute[2] ?? attribute[3] ?? ""));
  }
  return hrefs;
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED[name.toLowerCase()] ?? entity;
  });
}

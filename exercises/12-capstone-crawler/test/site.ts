// A generated web site for the crawler to crawl: about fifty pages on one
// origin, with cycles, pages that many pages link to, relative and absolute
// links, fragments, links to other origins, non-HTML bodies, slow pages,
// pages that never answer, 404s, 500s and network errors.
//
// The generator is deterministic (a seeded random number generator), and it
// keeps one promise that makes the expected result independent of timing: a
// page at level k is first found by a page at level k - 1. Links go either one
// level down (to a page whose every linker is one level up), or back to pages
// that are already known by the time the linking page is fetched: the start
// page and the sections (known once the start page is in), the page's own
// parent and its siblings. So every correct crawler, whatever its order,
// finds each page at the depth of the shortest chain of links to it.
import { mulberry32, type MockApi, type Reply } from "@course/testkit";
import { vi } from "vitest";

// Plain HTTP: a mocked TLS handshake costs real time and proves nothing.
export const ORIGIN = "http://site.test";
export const START_URL = `${ORIGIN}/`;
/** The timeout the tests give the crawler for this site: slow pages stay under it, hanging ones do not. */
export const TIMEOUT_MS = 1000;

export type Kind =
  | "html" // 200, text/html, parsed
  | "text" // 200, text/plain with <a href> inside: not parsed
  | "json" // 200, application/json with <a href> inside: not parsed
  | "404" // HTML error page with links: no links
  | "500" // HTML error page with links: no links
  | "hang" // never answers: a timeout
  | "late" // answers after 3 s: a timeout
  | "network" // a network error, every time
  | "flaky" // a network error the first time, then the HTML page
  | "stalls-once"; // no answer the first time (a timeout), then the HTML page

export interface Link {
  /** As written in the page's HTML. */
  href: string;
  /** The absolute URL it stands for, without fragment; null for a link the crawler must not follow (another origin, mailto:). */
  target: string | null;
}

export interface SitePage {
  /** The absolute URL, e.g. "http://site.test/docs/intro". */
  url: string;
  path: string;
  kind: Kind;
  /** Virtual ms before the server answers. */
  after: number;
  /** Every link in the page's HTML, in order (also for pages whose body must not be parsed). */
  links: Link[];
}

export interface Site {
  pages: Map<string, SitePage>;
}

/** The directory a page's relative links are resolved in: "/docs/intro" → "/docs/", "/docs/" → "/docs/". */
const directoryOf = (path: string) => path.slice(0, path.lastIndexOf("/") + 1);

/** A relative href from the page at `from` to `to`, e.g. "/docs/guide/a" → "/docs/faq" gives "../faq". */
function relativeHref(from: string, to: string): string {
  const fromDirs = directoryOf(from).split("/").filter(Boolean);
  const toParts = to.split("/").slice(1); // the last part is the file name, "" for a directory
  let common = 0;
  while (common < fromDirs.length && common < toParts.length - 1 && fromDirs[common] === toParts[common]) common++;
  const up = "../".repeat(fromDirs.length - common);
  const rest = toParts.slice(common).join("/");
  return up + rest || "./";
}

/**
 * The page tree: "dir/" entries are pages with children of their own. Shared
 * pages (linked by many pages of one level) are added separately below.
 */
const TREE: Record<string, Record<string, string[]>> = {
  "docs/": {
    intro: [],
    Install: [],
    "guide/": ["basics", "Advanced", "streams", "errors"],
    "api/": ["crawl", "fetch-page", "extract-links"],
    faq: [],
    changelog: [],
  },
  "blog/": {
    "2025/": ["hello-world", "event-loop", "why-abort", "Backpressure"],
    "2026/": ["queues", "semaphores"],
    "async-tips": [],
    "release-notes": [],
  },
  "shop/": {
    socks: [],
    "mugs/": ["blue", "red", "Green"],
    "T-shirts": [],
    "gift-cards": [],
  },
  "About/": {
    team: [],
    contact: [],
    press: [],
  },
  "Zine/": {
    "issue-1": [],
    "issue-2": [],
    "archive/": ["1999", "2000"],
  },
};

/** Deeper pages: children of some level-3 pages (level 4). */
const DEEPER: Record<string, string[]> = {
  "/docs/guide/basics": ["/docs/guide/basics/setup", "/docs/guide/basics/first-crawl"],
  "/blog/2025/event-loop": ["/blog/2025/event-loop/phases"],
};

/** Pages linked by every (HTML) page of a group of pages at one level: "found by many pages at once". */
const SHARED: Array<{ path: string; linkedBy: (path: string, level: number) => boolean }> = [
  { path: "/shop/checkout", linkedBy: (p, level) => p.startsWith("/shop/") && level === 2 },
  { path: "/tags/async", linkedBy: (p, level) => (p.startsWith("/blog/") || p.startsWith("/docs/")) && level === 2 },
  { path: "/docs/glossary", linkedBy: (p, level) => p.startsWith("/docs/") && level === 3 },
];

/** Pages whose kind is fixed, to be sure each kind is there. The rest of the leaves are drawn at random. */
const FIXED_KINDS: Record<string, Kind> = {
  "/feed.json": "json",
  "/old-home": "404",
  "/docs/faq": "hang",
  "/docs/api/fetch-page": "late",
  "/blog/release-notes": "network",
  "/shop/gift-cards": "500",
  "/docs/changelog": "text",
  "/Zine/issue-2": "flaky",
  "/blog/2026/queues": "404",
  "/About/press": "stalls-once",
  "/blog/2026/semaphores": "network",
};

/** Kinds drawn for the remaining leaves, besides "html". */
const RANDOM_KINDS: Kind[] = ["404", "500", "network", "hang", "text"];

export function generateSite(seed = 12): Site {
  // Seeded, so the site is the same on every run.
  const rand = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const chance = (p: number) => rand() < p;

  // The structure: parent → children, and each page's level.
  const children = new Map<string, string[]>();
  const level = new Map<string, number>([["/", 0]]);
  const parentOf = new Map<string, string>();
  const add = (parent: string, child: string) => {
    children.set(parent, [...(children.get(parent) ?? []), child]);
    level.set(child, level.get(parent)! + 1);
    parentOf.set(child, parent);
  };
  for (const [section, entries] of Object.entries(TREE)) {
    add("/", `/${section}`);
    for (const [entry, grandchildren] of Object.entries(entries)) {
      add(`/${section}`, `/${section}${entry}`);
      for (const leaf of grandchildren) add(`/${section}${entry}`, `/${section}${entry}${leaf}`);
    }
  }
  add("/", "/feed.json");
  add("/", "/old-home");
  for (const [parent, deeper] of Object.entries(DEEPER)) for (const child of deeper) add(parent, child);

  const sharedLinkers = new Map<string, string[]>();
  for (const shared of SHARED) {
    const linkers = [...level].filter(([path, l]) => shared.linkedBy(path, l)).map(([path]) => path);
    sharedLinkers.set(shared.path, linkers);
    level.set(shared.path, level.get(linkers[0]!)! + 1);
  }
  const sharedPaths = new Set(SHARED.map((s) => s.path));

  // Kinds: pages with children (and the linkers of shared pages) stay HTML.
  const kinds = new Map<string, Kind>();
  const mustBeHtml = new Set<string>(["/", ...children.keys()]);
  for (const path of level.keys()) {
    if (FIXED_KINDS[path]) kinds.set(path, FIXED_KINDS[path]);
    else if (mustBeHtml.has(path) || sharedPaths.has(path)) kinds.set(path, "html");
    else kinds.set(path, chance(0.2) ? pick(RANDOM_KINDS) : "html");
  }
  for (const [shared, linkers] of sharedLinkers) {
    // A shared page is only "found by many" if many of its linkers are real HTML pages.
    for (const linker of linkers) if (!FIXED_KINDS[linker]) kinds.set(linker, "html");
    if (linkers.length < 3) throw new Error(`site generator: ${shared} has too few linkers`);
  }

  const sections = children.get("/")!.filter((p) => p.endsWith("/"));
  const pages = new Map<string, SitePage>();
  for (const path of level.keys()) {
    const kind = kinds.get(path)!;
    const url = ORIGIN + path;
    const after =
      kind === "hang"
        ? 0
        : kind === "late"
          ? 3 * TIMEOUT_MS
          : kind === "network" || kind === "flaky"
            ? 100 * (1 + Math.floor(rand() * 2))
            : sharedPaths.has(path) || chance(0.15)
              ? 600 + Math.floor(rand() * 4) * 100 // slow, but within the timeout
              : 100 * (1 + Math.floor(rand() * 3));

    // The links, each target in a randomly chosen spelling, some with a fragment.
    const targets: string[] = [];
    const parent = parentOf.get(path);
    if (chance(0.3)) targets.push(path); // "#top": the page itself
    if (path !== "/" && chance(0.7)) targets.push("/");
    if (chance(0.5)) targets.push(pick(sections));
    for (const child of children.get(path) ?? []) targets.push(child);
    for (const [shared, linkers] of sharedLinkers) if (linkers.includes(path)) targets.push(shared);
    if (parent && !sharedPaths.has(path)) {
      // Back to the parent (a cycle) and to a sibling: both already known when this page is fetched.
      if (chance(0.5)) targets.push(parent);
      const siblings = children.get(parent)!.filter((s) => s !== path);
      if (siblings.length > 0 && chance(0.4)) targets.push(pick(siblings));
    }
    if (targets.length > 0 && chance(0.4)) targets.push(pick(targets)); // the same page again, spelt differently
    // Shuffle (Fisher-Yates), so that children are not always first.
    for (let i = targets.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [targets[i], targets[j]] = [targets[j]!, targets[i]!];
    }

    const links: Link[] = targets.map((to) => {
      const fragment = chance(0.25) ? pick(["#top", "#usage", "#comments", "#section-2"]) : "";
      if (to === path && chance(0.5)) return { href: "#top", target: ORIGIN + to };
      const style = pick(["absolute", "full", "relative", "relative"] as const);
      const href = style === "absolute" ? to : style === "full" ? ORIGIN + to : relativeHref(path, to);
      return { href: href + fragment, target: ORIGIN + to };
    });
    if (chance(0.2)) {
      const other = pick([
        "https://elsewhere.test/",
        "https://elsewhere.test/docs/intro",
        "//elsewhere.test/blog/",
        "https://site.test/about",
        "http://site.test:8443/docs/",
        "mailto:team@site.test",
      ]);
      links.splice(Math.floor(rand() * (links.length + 1)), 0, { href: other, target: null });
    }
    pages.set(path, { url, path, kind, after, links });
  }

  // Self-check: every href stands for its target (the oracle does not trust the generator's arithmetic).
  for (const page of pages.values()) {
    for (const link of page.links) {
      if (link.target === null) continue;
      const resolved = new URL(link.href, page.url);
      resolved.hash = "";
      if (resolved.href !== link.target) throw new Error(`site generator: ${link.href} on ${page.path} is ${resolved.href}, not ${link.target}`);
    }
  }
  return { pages };
}

/** The page's HTML (also for error pages and non-HTML kinds, whose links must not be followed). */
function render(page: SitePage): string {
  const anchors = page.links.map((link, i) => {
    const href = link.href.replaceAll("&", "&amp;");
    return i % 3 === 1 ? `<a class="nav" href='${href}'>link ${i}</a>` : `<a href="${href}">link ${i}</a>`;
  });
  return [
    "<!doctype html>",
    `<html><head><title>${page.path}</title><link rel="stylesheet" href="/assets/site.css"></head>`,
    `<body><a name="top"></a><img src="/assets/logo.png" alt="">`,
    `<!-- <a href="/drafts/secret">not a link: a comment</a> -->`,
    ...anchors.map((a) => `<p>${a}</p>`),
    "</body></html>",
  ].join("\n");
}

/** Links that only appear in bodies that must not be parsed: requesting one means such a body was parsed. */
const TRAP = (page: SitePage) => `<a href="/trap${page.path}">a link in a body that is not a successful HTML page</a>`;

function replyFor(page: SitePage): Reply | Reply[] {
  const html = { "content-type": page.path.length % 2 === 0 ? "text/html; charset=utf-8" : "text/html;charset=UTF-8" };
  const ok: Reply = { text: render(page), after: page.after, headers: html };
  switch (page.kind) {
    case "html":
      return ok;
    case "text":
      return {
        text: `Plain text that mentions ${TRAP(page)}\n${render(page)}`,
        after: page.after,
        headers: { "content-type": "text/plain; charset=utf-8" },
      };
    case "json":
      return { json: { html: `${TRAP(page)}${render(page)}` }, after: page.after };
    case "404":
    case "500":
      return { status: Number(page.kind), text: `<h1>Error ${page.kind}</h1>${TRAP(page)}${render(page)}`, after: page.after, headers: html };
    case "hang":
      return { never: true };
    case "late":
      return ok;
    case "network":
      return { networkError: true, after: page.after };
    case "flaky":
      return [{ networkError: true, after: page.after }, ok];
    case "stalls-once":
      return [{ never: true }, ok];
  }
}

/**
 * Serves the site on `api` (whose origin must be ORIGIN). Any other path of
 * the origin is a 404 page without links, so a wrongly resolved link shows up
 * as a request to a page the site does not have.
 */
export function serveSite(api: MockApi, site: Site): void {
  if (api.origin !== ORIGIN) throw new Error(`serveSite needs mockApi("${ORIGIN}")`);
  // Declared first: msw tries the most recently declared routes first, so this one only catches the rest.
  api.get("/*", { status: 404, text: "<h1>Not found</h1>", after: 10, headers: { "content-type": "text/html" } });
  for (const page of site.pages.values()) api.get(page.path, replyFor(page));
}

/**
 * Records (and refuses) every request the code under test makes to another
 * origin than ORIGIN, so that no test ever reaches the real network. Call it in
 * each test (or a beforeEach): the stub is undone after each test.
 */
export function refuseOtherOrigins(): string[] {
  const refused: string[] = [];
  const realFetch = globalThis.fetch;
  const guarded = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    const parsed = URL.parse(url);
    if (parsed?.origin === ORIGIN) return realFetch(input, init);
    refused.push(url);
    return Promise.reject(new TypeError("fetch failed", { cause: new Error(`the tests do not let the crawler leave ${ORIGIN}`) }));
  };
  vi.stubGlobal("fetch", guarded);
  return refused;
}

// ---------------------------------------------------------------------------
// What a correct crawl of the site gives.

export interface ExpectedPage {
  url: string;
  depth: number;
  status: number;
  links: string[];
}

export interface Expected {
  pages: ExpectedPage[];
  /** URL → "timeout" | "network". */
  errors: Map<string, "timeout" | "network">;
  /** Path → how many requests the server should see for it. */
  requests: Map<string, number>;
}

/** What each kind gives after `retries` retries: an answer (with or without links) or an error. */
function outcomeOf(kind: Kind, retries: number): { status: number; parsed: boolean } | "timeout" | "network" {
  switch (kind) {
    case "html":
      return { status: 200, parsed: true };
    case "text":
    case "json":
      return { status: 200, parsed: false };
    case "404":
    case "500":
      return { status: Number(kind), parsed: false };
    case "hang":
    case "late":
      return "timeout";
    case "network":
      return "network";
    case "flaky":
      return retries >= 1 ? { status: 200, parsed: true } : "network";
    case "stalls-once":
      return retries >= 1 ? { status: 200, parsed: true } : "timeout";
  }
}

function attemptsOf(kind: Kind, retries: number): number {
  if (kind === "hang" || kind === "late" || kind === "network") return retries + 1;
  if (kind === "flaky" || kind === "stalls-once") return Math.min(2, retries + 1);
  return 1;
}

/** Unique targets in order of first appearance, same origin only (what `links` should be). */
export function expectedLinks(page: SitePage): string[] {
  return [...new Set(page.links.flatMap((l) => (l.target === null ? [] : [l.target])))];
}

/** Breadth-first over the model: the depth of each page is the shortest chain of links to it. */
export function expectCrawl(site: Site, options: { maxDepth?: number; retries?: number } = {}): Expected {
  const { maxDepth = Infinity, retries = 0 } = options;
  const pages: ExpectedPage[] = [];
  const errors = new Map<string, "timeout" | "network">();
  const requests = new Map<string, number>();
  const depthOf = new Map<string, number>([[START_URL, 0]]);
  const queue = [START_URL];
  while (queue.length > 0) {
    const url = queue.shift()!;
    const depth = depthOf.get(url)!;
    const page = site.pages.get(new URL(url).pathname);
    if (!page) throw new Error(`site: ${url} is linked but not served`);
    requests.set(page.path, attemptsOf(page.kind, retries));
    const outcome = outcomeOf(page.kind, retries);
    if (typeof outcome === "string") {
      errors.set(url, outcome);
      continue;
    }
    const links = outcome.parsed ? expectedLinks(page) : [];
    pages.push({ url, depth, status: outcome.status, links });
    if (depth >= maxDepth) continue;
    for (const link of links) {
      if (depthOf.has(link)) continue;
      depthOf.set(link, depth + 1);
      queue.push(link);
    }
  }
  pages.sort((a, b) => a.depth - b.depth || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  return { pages, errors, requests };
}

/** A one-line-per-page map of the site, for reading (and for the README). */
export function describeSite(site: Site): string {
  const expected = expectCrawl(site);
  const depth = new Map(expected.pages.map((p) => [p.url, p.depth]));
  return [...site.pages.values()]
    .map(
      (p) =>
        `${String(depth.get(p.url) ?? "-").padStart(2)} ${p.path.padEnd(34)} ${p.kind.padEnd(11)} ${String(p.after).padStart(5)}ms  ${p.links.map((l) => l.href).join(" ")}`,
    )
    .join("\n");
}

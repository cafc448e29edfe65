// A pretend file system for the tests: files live in memory under ROOT, and
// every read and write takes time on the test's virtual clock and is recorded
// as a span, so the kit's matchers can say whether reads overlapped and the
// failure messages can draw them. It does not matter which asynchronous API the
// code under test uses: `node:fs/promises`, `fs.promises`, a `FileHandle` from
// `open()`, or the callback functions. Synchronous calls (`readFileSync`,
// `existsSync`, …) work too, instantly, but each is recorded, so a test can
// name it. How the code under test gets to it: see "Installing it" below.
//
// Nothing under ROOT touches the real disk: a test that writes, writes here.
import { Buffer } from "node:buffer";
import { createRequire, syncBuiltinESMExports } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { recordSpans, type SpanRecorder } from "@course/testkit";
import { afterEach, beforeEach } from "vitest";

/** Where the tests' files live; labels in timelines are shown relative to it. */
export const ROOT = "/project";

type Encoding = BufferEncoding | null | undefined;
type Options = Encoding | { encoding?: Encoding; flag?: string } | undefined;

interface Stats {
  size: number;
  mtimeMs: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

const ERRNO: Record<string, [number, string]> = {
  ENOENT: [-2, "no such file or directory"],
  EISDIR: [-21, "illegal operation on a directory"],
  EEXIST: [-17, "file already exists"],
  EBADF: [-9, "bad file descriptor"],
  ENOSPC: [-28, "no space left on device"],
  ENOTDIR: [-20, "not a directory"],
};

/** An error shaped like Node's own: `ENOENT: no such file or directory, open '/x'`. */
function fsError(code: keyof typeof ERRNO & string, syscall: string, file?: string): NodeJS.ErrnoException {
  const [errno, text] = ERRNO[code]!;
  const error: NodeJS.ErrnoException = new Error(`${code}: ${text}, ${syscall}${file === undefined ? "" : ` '${file}'`}`);
  error.errno = errno;
  error.code = code;
  error.syscall = syscall;
  if (file !== undefined) error.path = file;
  return error;
}

/** The error for an fs function this pretend file system does not offer. */
export class UnsupportedFsCall extends Error {
  constructor(name: string) {
    super(
      `${name} is not available in these tests: they run your code on a pretend file system (in memory, on the ` +
        "test's virtual clock) that offers readFile, writeFile, appendFile, open (a FileHandle with readFile, " +
        "writeFile, stat, close), mkdir, stat, lstat, access, readdir, rename, unlink and rm, from node:fs/promises, " +
        "fs.promises or the callback API. Use one of those.",
    );
    this.name = "UnsupportedFsCall";
  }
}

// ---------------------------------------------------------------------------
// State (reset before every test by the test files)

const files = new Map<string, Buffer>();
const dirs = new Set<string>();
const readDelays = new Map<string, number>();
const writeDelays = new Map<string, number>();
const failingWrites = new Set<string>();
const handles = new Map<number, FakeFileHandle>();
const syncCalls: string[] = [];
let spans: SpanRecorder = recordSpans();
// Far above the descriptors the process really has open.
const FIRST_FD = 1_000_000;
let nextFd = FIRST_FD;

const DEFAULT_READ_MS = 100;
const DEFAULT_WRITE_MS = 100;

function addDir(dir: string): void {
  for (let d = path.resolve(dir); !dirs.has(d); d = path.dirname(d)) dirs.add(d);
}

/** The test's side: set up files, slow or failing writes, and read what happened. */
export const fakeFs = {
  reset(): void {
    files.clear();
    dirs.clear();
    readDelays.clear();
    writeDelays.clear();
    failingWrites.clear();
    handles.clear();
    syncCalls.length = 0;
    spans = recordSpans();
    nextFd = FIRST_FD;
    addDir(ROOT);
  },
  /** A file with `text` in it; reading it takes `readMs` virtual ms (default 100). */
  file(file: string, text: string, { readMs }: { readMs?: number } = {}): void {
    const full = path.resolve(file);
    addDir(path.dirname(full));
    files.set(full, Buffer.from(text, "utf8"));
    if (readMs !== undefined) readDelays.set(full, readMs);
  },
  /** A folder (and its parents). */
  dir(dir: string): void {
    addDir(dir);
  },
  /** Writing `file` takes `ms` virtual ms (default 100). */
  writeTakes(file: string, ms: number): void {
    writeDelays.set(path.resolve(file), ms);
  },
  /** Writing `file` fails (ENOSPC, as a full disk does) once its write time is up. */
  failWrite(file: string): void {
    failingWrites.add(path.resolve(file));
  },
  /** What `file` holds now, as text (undefined when there is no such file). */
  contents(file: string): string | undefined {
    return files.get(path.resolve(file))?.toString("utf8");
  },
  /** Every file there is, with its text. */
  allFiles(): Record<string, string> {
    return Object.fromEntries([...files].map(([file, data]) => [file, data.toString("utf8")]));
  },
  /** Every read and write so far, as spans on the virtual clock. */
  get spans(): SpanRecorder {
    return spans;
  },
  /** The reads so far (spans labelled "read …", or "readFileSync …" for synchronous ones). */
  reads() {
    return spans.spans.filter((s) => s.label.startsWith("read"));
  },
  /** The writes so far (spans labelled "write …", or "writeFileSync …" for synchronous ones). */
  writes() {
    return spans.spans.filter((s) => /^(write|appendFile)/.test(s.label));
  },
  /** The synchronous fs calls made so far, e.g. `readFileSync("/project/a.json")`. */
  syncCalls(): readonly string[] {
    return syncCalls;
  },
  /** Paths of the FileHandles opened and not closed yet. */
  openHandles(): string[] {
    return [...handles.values()].map((h) => h.path);
  },
};
fakeFs.reset();

// ---------------------------------------------------------------------------
// The file system's behaviour

const display = (file: string) => (file.startsWith(`${ROOT}/`) ? file.slice(ROOT.length + 1) : file);

/** Waits on whatever `setTimeout` is installed when called: virtual under the test's clock. */
const delay = (ms: number) => new Promise<void>((resolve) => globalThis.setTimeout(resolve, ms));

function toPath(file: unknown, name: string): string {
  if (typeof file === "string") return path.resolve(file);
  if (file instanceof URL) return fileURLToPath(file);
  if (Buffer.isBuffer(file)) return path.resolve(file.toString("utf8"));
  throw Object.assign(new TypeError(`${name}: the "path" argument must be a string, Buffer or URL, got ${typeof file}`), {
    code: "ERR_INVALID_ARG_TYPE",
  });
}

function encodingOf(options: Options): Encoding {
  return typeof options === "string" || options === null || options === undefined ? options : options.encoding;
}

const decode = (data: Buffer, options: Options): string | Buffer => {
  const encoding = encodingOf(options);
  return encoding ? data.toString(encoding) : Buffer.from(data);
};

function toBytes(data: unknown, options: Options, name: string): Buffer {
  if (typeof data === "string") return Buffer.from(data, encodingOf(options) ?? "utf8");
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  throw Object.assign(new TypeError(`${name}: the "data" argument must be a string, Buffer, TypedArray or DataView, got ${typeof data}`), {
    code: "ERR_INVALID_ARG_TYPE",
  });
}

function statOf(file: string, syscall: string): Stats {
  const data = files.get(file);
  const isDir = dirs.has(file);
  if (!data && !isDir) throw fsError("ENOENT", syscall, file);
  return {
    size: data?.length ?? 0,
    mtimeMs: 0,
    isFile: () => !isDir,
    isDirectory: () => isDir,
    isSymbolicLink: () => false,
  };
}

function readNow(file: string): Buffer {
  if (dirs.has(file)) throw fsError("EISDIR", "read");
  const data = files.get(file);
  if (!data) throw fsError("ENOENT", "open", file);
  return Buffer.from(data);
}

function writeNow(file: string, bytes: Buffer, append: boolean): void {
  if (!dirs.has(path.dirname(file))) throw fsError("ENOENT", "open", file);
  if (dirs.has(file)) throw fsError("EISDIR", "open", file);
  const before = append ? files.get(file) : undefined;
  files.set(file, before ? Buffer.concat([before, bytes]) : bytes);
}

function mkdirNow(dir: string, options: unknown): string | undefined {
  const recursive = typeof options === "object" && options !== null && (options as { recursive?: boolean }).recursive === true;
  if (dirs.has(dir)) {
    if (recursive) return undefined;
    throw fsError("EEXIST", "mkdir", dir);
  }
  if (files.has(dir)) throw fsError("EEXIST", "mkdir", dir);
  if (!dirs.has(path.dirname(dir))) {
    if (!recursive) throw fsError("ENOENT", "mkdir", dir);
    let first = dir;
    while (!dirs.has(path.dirname(first))) first = path.dirname(first);
    addDir(dir);
    return first;
  }
  dirs.add(dir);
  return recursive ? dir : undefined;
}

function readdirNow(dir: string): string[] {
  if (!dirs.has(dir)) throw fsError(files.has(dir) ? "ENOTDIR" : "ENOENT", "scandir", dir);
  const inside = [...files.keys(), ...dirs].filter((p) => p !== dir && path.dirname(p) === dir);
  return inside.map((p) => path.basename(p)).sort();
}

/** One read of a whole file: a span, and the file's read time on the clock. */
async function timedRead(file: string): Promise<Buffer> {
  const end = spans.begin(`read ${display(file)}`);
  await delay(readDelays.get(file) ?? DEFAULT_READ_MS);
  try {
    const data = readNow(file);
    end("done");
    return data;
  } catch (error) {
    end("failed");
    throw error;
  }
}

/** One write of a whole file: a span, and the file's write time on the clock. */
async function timedWrite(file: string, bytes: Buffer, append: boolean): Promise<void> {
  const end = spans.begin(`write ${display(file)}`);
  await delay(writeDelays.get(file) ?? DEFAULT_WRITE_MS);
  try {
    if (failingWrites.has(file)) throw fsError("ENOSPC", "write");
    writeNow(file, bytes, append);
    end("done");
  } catch (error) {
    end("failed");
    throw error;
  }
}

/** Quick operations (open, stat, mkdir…) still answer asynchronously, as the real ones do. */
async function quick<T>(work: () => T): Promise<T> {
  await delay(0);
  return work();
}

class FakeFileHandle {
  readonly fd = nextFd++;
  readonly path: string;
  #closed = false;

  constructor(file: string) {
    this.path = file;
    handles.set(this.fd, this);
  }

  #open(syscall: string): void {
    if (this.#closed) throw fsError("EBADF", syscall);
  }

  async readFile(options?: Options): Promise<string | Buffer> {
    this.#open("read");
    return decode(await timedRead(this.path), options);
  }

  async writeFile(data: unknown, options?: Options): Promise<void> {
    this.#open("write");
    return timedWrite(this.path, toBytes(data, options, "filehandle.writeFile"), false);
  }

  async appendFile(data: unknown, options?: Options): Promise<void> {
    this.#open("write");
    return timedWrite(this.path, toBytes(data, options, "filehandle.appendFile"), true);
  }

  async stat(): Promise<Stats> {
    this.#open("fstat");
    return quick(() => statOf(this.path, "fstat"));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await delay(0);
    this.#closed = true;
    handles.delete(this.fd);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
for (const name of [
  "read",
  "readv",
  "write",
  "writev",
  "readLines",
  "createReadStream",
  "createWriteStream",
  "readableWebStream",
  "truncate",
  "sync",
  "datasync",
  "chmod",
  "chown",
  "utimes",
]) {
  Object.defineProperty(FakeFileHandle.prototype, name, {
    value() {
      return Promise.reject(new UnsupportedFsCall(`filehandle.${name}`));
    },
  });
}

function handleFor(file: unknown): FakeFileHandle | undefined {
  if (file instanceof FakeFileHandle) return file;
  if (typeof file === "number") {
    const handle = handles.get(file);
    if (!handle) throw fsError("EBADF", "read");
    return handle;
  }
  return undefined;
}

const isWriteFlag = (flag: string) => /[wa+]/.test(flag);
const createsFile = (flag: string) => /[wa]/.test(flag);

/** The promise API: what `node:fs/promises` and `fs.promises` offer here. */
const promiseApi = {
  async readFile(file: unknown, options?: Options): Promise<string | Buffer> {
    const handle = handleFor(file);
    if (handle) return handle.readFile(options);
    return decode(await timedRead(toPath(file, "readFile")), options);
  },
  async writeFile(file: unknown, data: unknown, options?: Options): Promise<void> {
    const handle = handleFor(file);
    if (handle) return handle.writeFile(data, options);
    return timedWrite(toPath(file, "writeFile"), toBytes(data, options, "writeFile"), false);
  },
  async appendFile(file: unknown, data: unknown, options?: Options): Promise<void> {
    const handle = handleFor(file);
    if (handle) return handle.appendFile(data, options);
    return timedWrite(toPath(file, "appendFile"), toBytes(data, options, "appendFile"), true);
  },
  async open(file: unknown, flags: string | number = "r"): Promise<FakeFileHandle> {
    const full = toPath(file, "open");
    const flag = String(flags);
    return quick(() => {
      if (dirs.has(full) && isWriteFlag(flag)) throw fsError("EISDIR", "open", full);
      if (!files.has(full) && !dirs.has(full)) {
        if (!createsFile(flag) || !dirs.has(path.dirname(full))) throw fsError("ENOENT", "open", full);
        files.set(full, Buffer.alloc(0));
      } else if (flag.includes("x")) {
        throw fsError("EEXIST", "open", full);
      } else if (flag.startsWith("w")) {
        files.set(full, Buffer.alloc(0));
      }
      return new FakeFileHandle(full);
    });
  },
  async mkdir(dir: unknown, options?: unknown): Promise<string | undefined> {
    const full = toPath(dir, "mkdir");
    return quick(() => mkdirNow(full, options));
  },
  async stat(file: unknown): Promise<Stats> {
    const full = toPath(file, "stat");
    return quick(() => statOf(full, "stat"));
  },
  async lstat(file: unknown): Promise<Stats> {
    const full = toPath(file, "lstat");
    return quick(() => statOf(full, "lstat"));
  },
  async access(file: unknown): Promise<void> {
    const full = toPath(file, "access");
    return quick(() => void statOf(full, "access"));
  },
  async readdir(dir: unknown): Promise<string[]> {
    const full = toPath(dir, "readdir");
    return quick(() => readdirNow(full));
  },
  async unlink(file: unknown): Promise<void> {
    const full = toPath(file, "unlink");
    return quick(() => {
      if (!files.delete(full)) throw fsError("ENOENT", "unlink", full);
    });
  },
  async rm(file: unknown, options?: { force?: boolean }): Promise<void> {
    const full = toPath(file, "rm");
    return quick(() => {
      if (!files.delete(full) && !options?.force) throw fsError("ENOENT", "rm", full);
    });
  },
  async rename(from: unknown, to: unknown): Promise<void> {
    const [a, b] = [toPath(from, "rename"), toPath(to, "rename")];
    return quick(() => {
      const data = files.get(a);
      if (!data) throw fsError("ENOENT", "rename", a);
      if (!dirs.has(path.dirname(b))) throw fsError("ENOENT", "rename", b);
      files.delete(a);
      files.set(b, data);
    });
  },
};

type AnyFunction = (...args: unknown[]) => unknown;

/** The callback API (`fs.readFile(path, options, callback)`), on top of the promise API. */
function callbackVersion(name: string, run: AnyFunction): AnyFunction {
  return (...args: unknown[]) => {
    const callback = args.pop();
    if (typeof callback !== "function") {
      throw Object.assign(new TypeError(`fs.${name}: the "callback" argument must be a function`), { code: "ERR_INVALID_ARG_TYPE" });
    }
    (run(...args) as Promise<unknown>).then(
      (value) => callback(null, value),
      (error: unknown) => callback(error),
    );
  };
}

/** What each synchronous call does here (it is recorded first, whatever it is). */
const syncApi: Record<string, AnyFunction> = {
  readFileSync: (file, options) => {
    const handle = handleFor(file);
    const full = handle ? handle.path : toPath(file, "readFileSync");
    // Drawn in timelines too: a read that takes no time on the event loop,
    // because it holds the loop until it is done.
    const end = spans.begin(`readFileSync ${display(full)}`);
    try {
      const data = decode(readNow(full), options as Options);
      end("done", "synchronous: the loop waited");
      return data;
    } catch (error) {
      end("failed", "synchronous: the loop waited");
      throw error;
    }
  },
  writeFileSync: (file, data, options) => syncWrite("writeFileSync", file, data, options as Options, false),
  appendFileSync: (file, data, options) => syncWrite("appendFileSync", file, data, options as Options, true),
  existsSync: (file) => {
    try {
      const full = toPath(file, "existsSync");
      return files.has(full) || dirs.has(full);
    } catch {
      return false;
    }
  },
  statSync: (file) => statOf(toPath(file, "statSync"), "stat"),
  lstatSync: (file) => statOf(toPath(file, "lstatSync"), "lstat"),
  accessSync: (file) => void statOf(toPath(file, "accessSync"), "access"),
  mkdirSync: (dir, options) => mkdirNow(toPath(dir, "mkdirSync"), options),
  readdirSync: (dir) => readdirNow(toPath(dir, "readdirSync")),
};

/** A synchronous write: drawn in timelines, and it fails as the timed one does. */
function syncWrite(name: string, file: unknown, data: unknown, options: Options, append: boolean): void {
  const full = toPath(file, name);
  const bytes = toBytes(data, options, name);
  const end = spans.begin(`${name} ${display(full)}`);
  try {
    if (failingWrites.has(full)) throw fsError("ENOSPC", "write");
    writeNow(full, bytes, append);
    end("done", "synchronous: the loop waited");
  } catch (error) {
    end("failed", "synchronous: the loop waited");
    throw error;
  }
}

function describeArgument(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value instanceof URL) return JSON.stringify(value.href);
  if (typeof value === "number") return String(value);
  return typeof value;
}

function recordedSync(name: string): AnyFunction {
  return (...args: unknown[]) => {
    syncCalls.push(`${name}(${args.length > 0 ? describeArgument(args[0]) : ""})`);
    const run = syncApi[name];
    if (!run) throw new UnsupportedFsCall(`fs.${name}`);
    return run(...args);
  };
}

const unsupported =
  (name: string): AnyFunction =>
  () => {
    throw new UnsupportedFsCall(name);
  };
const unsupportedAsync =
  (name: string): AnyFunction =>
  () =>
    Promise.reject(new UnsupportedFsCall(name));
const isClass = (name: string) => /^[A-Z]/.test(name);

// ---------------------------------------------------------------------------
// Installing it: Node's own fs functions are routed through here.
//
// Node's built-in modules are one object each (`require("node:fs")`, and
// `fs.promises` is the very object `node:fs/promises` exports), and
// `syncBuiltinESMExports()` makes `import { readFile } from "node:fs/promises"`
// see a replaced function too. So each fs function is replaced, once per
// process (or worker thread), by a router: while a test of this exercise runs,
// paths under ROOT (and the pretend FileHandles) go to the pretend file system;
// every other path, and every call outside those tests, goes to the real
// function, untouched. That way it does not matter how the code under test
// imports fs, nor whether it kept a reference to a function when it loaded
// (`promisify(fs.readFile)`), nor which test file loaded it first.
// The test files import this module before the code under test for that reason.

type AnyFunctionMap = Record<string, AnyFunction>;

interface Pretend {
  owns(target: unknown): boolean;
  promises(name: string): AnyFunction;
  fs(name: string): AnyFunction;
}

interface Routes {
  /** The pretend file system of the test running now, if any. */
  active?: Pretend;
}

const require = createRequire(import.meta.url);
const ROUTES = Symbol.for("course.11-pitfalls.fs-routes");

function installRoutes(): Routes {
  const routes: Routes = {};
  const route = (target: Record<string, unknown>, kind: "promises" | "fs") => {
    for (const name of Object.keys(target)) {
      const descriptor = Object.getOwnPropertyDescriptor(target, name);
      const original = descriptor?.value as AnyFunction | undefined;
      if (typeof original !== "function" || isClass(name) || !descriptor?.writable) continue;
      const router = function (this: unknown, ...args: unknown[]) {
        const pretend = routes.active;
        return (pretend?.owns(args[0]) ? pretend[kind](name) : original).apply(this, args);
      };
      // Keep what hangs on the original (`realpathSync.native`, promisify's symbols).
      for (const key of Reflect.ownKeys(original)) {
        if (key !== "prototype") Object.defineProperty(router, key, Object.getOwnPropertyDescriptor(original, key)!);
      }
      target[name] = router;
    }
  };
  route(require("node:fs/promises") as Record<string, unknown>, "promises");
  route(require("node:fs") as Record<string, unknown>, "fs");
  syncBuiltinESMExports();
  return routes;
}

const routes: Routes = ((globalThis as Record<symbol, Routes | undefined>)[ROUTES] ??= installRoutes());

function owns(target: unknown): boolean {
  if (target instanceof FakeFileHandle) return true;
  if (typeof target === "number") return handles.has(target);
  let file: string;
  if (typeof target === "string") file = target;
  else if (Buffer.isBuffer(target)) file = target.toString("utf8");
  else if (target instanceof URL && target.protocol === "file:") file = fileURLToPath(target);
  else return false;
  const full = path.resolve(file);
  return full === ROOT || full.startsWith(`${ROOT}/`);
}

const pretend: Pretend = {
  owns,
  promises: (name) => (promiseApi as AnyFunctionMap)[name] ?? unsupportedAsync(`fs.promises.${name}`),
  fs: (name) => {
    if (name.endsWith("Sync")) return recordedSync(name);
    if (name in promiseApi && name !== "open") return callbackVersion(name, (promiseApi as AnyFunctionMap)[name]!);
    return unsupported(`fs.${name}`);
  },
};

/**
 * Call once at the top of a test file: before each test the pretend file
 * system is emptied and switched on, after it every path is real again.
 */
export function usePretendFs(): void {
  beforeEach(() => {
    fakeFs.reset();
    routes.active = pretend;
  });
  afterEach(() => {
    routes.active = undefined;
  });
}

/**
 * "made 3 synchronous fs calls: readFileSync("/project/config/app.json"), … ",
 * and why that matters, for failure messages ("" when there were none).
 */
export function describeSyncCalls(calls: readonly string[]): string {
  if (calls.length === 0) return "made no synchronous fs call.";
  const shown = calls.slice(0, 4).join(", ") + (calls.length > 4 ? `, and ${calls.length - 4} more` : "");
  return (
    `made ${calls.length} synchronous fs call${calls.length === 1 ? "" : "s"}: ${shown}. A synchronous call stops the ` +
    "whole program until the disk answers: no timer fires, no request is answered, nothing else even starts " +
    "meanwhile. Every …Sync function has a promise twin in node:fs/promises (readFileSync → readFile, " +
    "writeFileSync → writeFile, existsSync → access or stat): await that instead."
  );
}

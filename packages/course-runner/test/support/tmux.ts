// A real pseudo-terminal for the runner: tmux, on a server of our own (its own
// socket, so nobody else's sessions are touched), keys sent in, the screen
// read back. Every wait polls the screen until a deadline: never a fixed sleep.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const hasTmux = (): boolean => spawnSync("tmux", ["-V"], { stdio: "ignore" }).status === 0;

/** Generous: a test run of the fixture course takes seconds, and the machine may be busy. */
export const DEADLINE_MS = 120_000;
const POLL_MS = 100;
const EXITED = "[exited with code";

let servers = 0;

export class Pane {
  readonly #socket: string;
  readonly #config: string;
  /** The environment of the tmux server, and so of the command (default: ours). */
  readonly #env: NodeJS.ProcessEnv | undefined;

  private constructor(socket: string, config: string, env: NodeJS.ProcessEnv | undefined) {
    this.#socket = socket;
    this.#config = config;
    this.#env = env;
  }

  /**
   * Runs `command` (a shell command line) in a terminal of `columns` × `rows`;
   * the pane stays after it exits, its exit code printed last.
   */
  static start(
    command: string,
    { columns = 100, rows = 30, cwd, env }: { columns?: number; rows?: number; cwd: string; env?: NodeJS.ProcessEnv },
  ): Pane {
    const dir = mkdtempSync(path.join(tmpdir(), "course-runner-tmux-"));
    const config = path.join(dir, "tmux.conf");
    writeFileSync(config, "set -g remain-on-exit on\nset -g status off\n");
    const pane = new Pane(`course-runner-${process.pid}-${++servers}`, config, env);
    pane.#tmux("new-session", "-d", "-s", "runner", "-x", String(columns), "-y", String(rows), "-c", cwd, `${command}; echo "${EXITED} $?"`);
    return pane;
  }

  #tmux(...args: string[]): string {
    return execFileSync("tmux", ["-L", this.#socket, "-f", this.#config, ...args], { encoding: "utf8", ...(this.#env ? { env: this.#env } : {}) });
  }

  /** The screen as text, one line a row, without trailing blanks. */
  screen(): string {
    return this.#tmux("capture-pane", "-p", "-t", "runner")
      .split("\n")
      .map((line) => line.trimEnd())
      .join("\n")
      .trimEnd();
  }

  /** Types keys, as tmux names them ("h", "Enter", "Down", "Escape"). */
  keys(...keys: string[]): void {
    this.#tmux("send-keys", "-t", "runner", ...keys);
  }

  /** Whether the command has exited, and with what code (as it printed); the pid of the pane's shell. */
  status(): { dead: boolean; code: number | undefined; pid: number } {
    const [dead, pid] = this.#tmux("display-message", "-p", "-t", "runner", "#{pane_dead} #{pane_pid}").trim().split(" ");
    const code = new RegExp(`${EXITED.replace("[", "\\[")} (\\d+)`).exec(this.screen())?.[1];
    return { dead: dead === "1", code: code === undefined ? undefined : Number(code), pid: Number(pid) };
  }

  /** Polls the screen until `check` holds; on the deadline, fails showing the last screen. */
  async waitFor(what: string, check: (screen: string) => boolean, deadlineMs = DEADLINE_MS): Promise<string> {
    const deadline = Date.now() + deadlineMs;
    let screen = this.screen();
    while (!check(screen)) {
      if (Date.now() > deadline) throw new Error(`waited ${deadlineMs / 1000} s for ${what}; the screen:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      screen = this.screen();
    }
    return screen;
  }

  /** Waits for a screen that shows `text`. */
  waitForText(text: string | RegExp, deadlineMs?: number): Promise<string> {
    return this.waitFor(
      `${String(text)} on the screen`,
      (screen) => (typeof text === "string" ? screen.includes(text) : text.test(screen)),
      deadlineMs,
    );
  }

  async waitForExit(deadlineMs = 30_000): Promise<number | undefined> {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const status = this.status();
      if (status.dead) return status.code;
      if (Date.now() > deadline) throw new Error(`the runner did not exit within ${deadlineMs / 1000} s; the screen:\n${this.screen()}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  close(): void {
    spawnSync("tmux", ["-L", this.#socket, "kill-server"], { stdio: "ignore" });
    rmSync(path.dirname(this.#config), { recursive: true, force: true });
  }
}

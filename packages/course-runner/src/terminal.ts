// The terminal: a screen of its own (the alternate screen, so that the shell's
// scrollback is left as it was), redrawn in place by log-update, and keys read
// one at a time (raw mode). Everything is put back on close.
import { emitKeypressEvents } from "node:readline";
import { createLogUpdate } from "log-update";
import type { Size } from "./screen.ts";

export interface Key {
  /** "q", "up", "return", "escape", "1"… */
  name: string | undefined;
  ctrl: boolean;
}

export interface Terminal {
  size(): Size;
  /** Whether to draw in colour: a terminal, and NO_COLOR unset. */
  color: boolean;
  draw(screen: string): void;
  close(): void;
}

const ENTER_ALTERNATE = "\u001b[?1049h";
const LEAVE_ALTERNATE = "\u001b[?1049l";
const CLEAR = "\u001b[2J\u001b[H";

export function openTerminal(onKey: (key: Key) => void, onResize: () => void): Terminal {
  const { stdin, stdout } = process;
  const log = createLogUpdate(stdout);
  stdout.write(ENTER_ALTERNATE + CLEAR);
  emitKeypressEvents(stdin);
  stdin.setRawMode(true);
  const keypress = (text: string | undefined, key: { name?: string; ctrl?: boolean } | undefined) =>
    onKey({ name: key?.name ?? text, ctrl: key?.ctrl === true });
  stdin.on("keypress", keypress);
  stdin.resume();
  const resize = () => {
    // Lines drawn at the old width are no longer where log-update left them.
    stdout.write(CLEAR);
    log.done();
    onResize();
  };
  stdout.on("resize", resize);
  let open = true;
  return {
    // log-update keeps one row for the cursor below the last line.
    size: () => ({ columns: stdout.columns || 80, rows: Math.max(5, (stdout.rows || 24) - 1) }),
    color: stdout.hasColors?.() === true && !process.env.NO_COLOR,
    draw: (screen) => {
      if (open) log(screen);
    },
    close: () => {
      if (!open) return;
      open = false;
      stdin.off("keypress", keypress);
      stdout.off("resize", resize);
      stdin.setRawMode(false);
      stdin.pause();
      log.clear();
      log.done();
      stdout.write(LEAVE_ALTERNATE);
    },
  };
}

import { spawnSync } from "node:child_process";

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment a student's terminal would have: ours, less what npm set for
 * the command running these tests (npm_config_local_prefix and the like point
 * at this repository, and an npm started here would obey them).
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, NO_COLOR: "1", FORCE_COLOR: "0", ...extra };
}

export function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv()): Ran {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The last lines of a command's output, for a failure message. */
export const tail = (ran: Ran, lines = 30) => `${ran.stdout}\n${ran.stderr}`.trim().split("\n").slice(-lines).join("\n");

// The class run's progress line: a bar, the count, and an estimate of the
// time left from the pace so far (work done per second of wall time).

export interface Progress {
  done: number;
  total: number;
  elapsedMs: number;
}

const clock = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s` : `${s} s`;
};

/** "~1 min 05 s left" from the pace so far, or "estimating…" before anything is done. */
export function timeLeft({ done, total, elapsedMs }: Progress): string {
  if (done >= total) return "done";
  if (done === 0) return "estimating time left…";
  return `~${clock((elapsedMs / done) * (total - done))} left`;
}

/** "[########------------]  12/30 exercises graded  ~1 min 05 s left" (width: the bar's). */
export function progressLine(progress: Progress, width = 24): string {
  const share = progress.total === 0 ? 1 : progress.done / progress.total;
  const filled = Math.round(share * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(progress.done).padStart(String(progress.total).length)}/${progress.total} exercises graded  ${timeLeft(progress)}`;
}

/**
 * Draws progress on stderr: redrawn in place on a terminal, else one line at
 * each tenth of the way (a CI log is not flooded).
 */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): (progress: Progress) => void {
  let lastTenth = -1;
  return (progress) => {
    if (stream.isTTY) {
      stream.write(`\r${progressLine(progress)}\u001b[K${progress.done >= progress.total ? "\n" : ""}`);
      return;
    }
    const tenth = progress.total === 0 ? 10 : Math.floor((progress.done / progress.total) * 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      stream.write(`${progressLine(progress)}\n`);
    }
  };
}

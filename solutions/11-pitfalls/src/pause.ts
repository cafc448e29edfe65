export async function pause(ms: number): Promise<void> {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`pause: ms must be a finite number >= 0, got ${ms}`);
  // A timer hands control back to the event loop, which runs everything else
  // and calls us back when the time is up; a loop that watches the clock would
  // keep it for itself the whole time.
  await new Promise<void>((resolve) => setTimeout(resolve, ms));
}

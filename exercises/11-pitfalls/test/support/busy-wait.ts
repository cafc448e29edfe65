// Detects a busy-wait: a loop that spins, reading the clock, until a deadline
// passes. On the tests' virtual clock time never moves while such a loop spins,
// so it would spin forever (and a test cannot interrupt synchronous code). While
// `guardClockReads` runs its callback, every read of the clock (Date.now(),
// new Date(), performance.now(), process.hrtime) is counted, and past a limit
// no honest timer-based wait comes near, the read throws a BusyWait error: it
// ends the loop, and the test reports what happened.

/** How many clock reads in one synchronous run count as spinning. */
export const SPIN_LIMIT = 10_000;

export class BusyWait extends Error {
  constructor(call: string) {
    super(
      `${call} read the clock ${SPIN_LIMIT.toLocaleString("en").replace(",", " ")} times without once letting the ` +
        "event loop turn: it is busy-waiting, spinning in a loop until the time is up. While it spins nothing else " +
        "runs (no timer, no I/O, no other request), and on the test's virtual clock the time is never up, so the " +
        "tests stopped it. Wait with a timer instead: setTimeout calls you back when the time is up and leaves the " +
        "loop free meanwhile.",
    );
    this.name = "BusyWait";
  }
}

/**
 * Runs `fn` (synchronously) with the clock's readers counted. Returns what `fn`
 * returned, and the BusyWait error if it tripped (whatever `fn` did with it).
 */
export function guardClockReads<T>(call: string, fn: () => T): { result?: T; thrown?: unknown; busyWait?: BusyWait } {
  let reads = 0;
  let busyWait: BusyWait | undefined;
  const count = () => {
    if (++reads > SPIN_LIMIT) throw (busyWait ??= new BusyWait(call));
  };
  const restore: Array<() => void> = [];
  const wrap = <O extends object>(owner: O, key: keyof O & string) => {
    const own = Object.getOwnPropertyDescriptor(owner, key);
    const original = owner[key] as unknown as (...args: unknown[]) => unknown;
    Object.defineProperty(owner, key, {
      configurable: true,
      writable: true,
      value: function (this: unknown, ...args: unknown[]) {
        count();
        return original.apply(this, args);
      },
    });
    restore.push(() => (own ? Object.defineProperty(owner, key, own) : delete (owner as Record<string, unknown>)[key]));
  };

  const RealDate = globalThis.Date;
  const now = () => {
    count();
    return RealDate.now();
  };
  globalThis.Date = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      count();
      return Reflect.construct(target, args, newTarget === globalThis.Date ? target : newTarget) as object;
    },
    apply(target, thisArg, args) {
      count();
      return Reflect.apply(target, thisArg, args) as unknown;
    },
    get(target, key) {
      return key === "now" ? now : (Reflect.get(target, key, target) as unknown);
    },
  });
  restore.push(() => (globalThis.Date = RealDate));
  wrap(globalThis.performance, "now");
  const hrtime = process.hrtime;
  const bigint = hrtime.bigint;
  const countedHrtime = Object.assign((time?: [number, number]) => (count(), hrtime(time)), {
    bigint: () => (count(), bigint()),
  });
  process.hrtime = countedHrtime;
  restore.push(() => (process.hrtime = hrtime));

  try {
    return { result: fn(), busyWait };
  } catch (thrown) {
    return { thrown, busyWait };
  } finally {
    for (const undo of restore.reverse()) undo();
  }
}

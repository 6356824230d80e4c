// CPU time of processes from /proc (Linux): a process with its descendants (a worker and the
// Chromium it starts), and PostgreSQL backends found by pid while they live.
import { readdirSync, readFileSync } from 'node:fs';

const TICK = 100; // USER_HZ: clock ticks per second on Linux (sysconf(_SC_CLK_TCK) is 100 everywhere).

interface Stat {
  ppid: number;
  /** utime + stime (its own), and cutime + cstime (children it has waited for), in seconds. */
  self: number;
  reaped: number;
}

/** A /proc/<pid>/stat or /proc/<pid>/task/<tid>/stat file; undefined once the process is gone. */
function readStat(path: string): Stat | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: split after the last ')'.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(f[1]),
      self: (Number(f[11]) + Number(f[12])) / TICK,
      reaped: (Number(f[13]) + Number(f[14])) / TICK,
    };
  } catch {
    return undefined; // gone
  }
}

const stat = (pid: number) => readStat(`/proc/${pid}/stat`);

/** Seconds of CPU (user + system) of a process, all its threads; NaN when it cannot be read. */
export const processCpu = (pid: number): number => stat(pid)?.self ?? Number.NaN;

/** Seconds of CPU of a process with the children it has waited for; NaN when it cannot be read. */
export const cpuWithReaped = (pid: number): number => {
  const s = stat(pid);
  return s ? s.self + s.reaped : Number.NaN;
};

/** Seconds of CPU of one thread of a process; NaN when it cannot be read. */
export const threadCpu = (pid: number, tid: number): number =>
  readStat(`/proc/${pid}/task/${tid}/stat`)?.self ?? Number.NaN;

/** Every process alive now, by pid. */
function processTable(): Map<number, Stat> {
  const all = new Map<number, Stat>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const s = stat(pid);
    if (s) all.set(pid, s);
  }
  return all;
}

/** `root` and every descendant of it in `all`, parents before their children. */
function subtree(all: Map<number, Stat>, root: number): number[] {
  if (!all.has(root)) return [];
  const out = [root];
  for (let i = 0; i < out.length; i += 1) {
    for (const [pid, s] of all) if (s.ppid === out[i]) out.push(pid);
  }
  return out;
}

/** A process and every descendant alive now, parents first; empty once it is gone. */
export const descendants = (root: number): number[] => subtree(processTable(), root);

/** Seconds of CPU a process and every descendant alive now (or waited for) have used. */
export function treeCpu(root: number): number {
  const all = processTable();
  let total = 0;
  for (const pid of subtree(all, root)) {
    const s = all.get(pid)!;
    total += s.self + s.reaped;
  }
  return total;
}

/**
 * CPU of a changing set of processes (PostgreSQL backends of one database): sample() every so
 * often with the pids alive now; used() is what they used since each was first seen.
 */
export class PidSet {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();

  sample(pids: number[]): void {
    for (const pid of pids) {
      const s = stat(pid);
      if (!s) continue;
      if (!this.first.has(pid)) this.first.set(pid, s.self);
      this.last.set(pid, s.self);
    }
  }

  used(): number {
    let total = 0;
    for (const [pid, start] of this.first) total += (this.last.get(pid) ?? start) - start;
    return total;
  }
}

/** The 1-minute load average now. */
export const loadAverage = (): number =>
  Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

/**
 * CPU time (user + system) of this process and every process below it, read from Linux's /proc
 * (proc(5): `stat` fields 14 and 15, in clock ticks; 100 per second on Linux, as getconf CLK_TCK
 * says there). The overhead bench takes two readings around a loop of page-path runs and divides:
 * the CPU each process (bench client, web server, daemon, executor) spends on one run.
 * Null where /proc is not Linux's.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10;

export interface ProcessCpu {
  pid: number;
  /** What kind of process it is, from its command line. */
  role:
    | 'bench'
    | 'web server'
    | 'daemon'
    | 'executor'
    /** The floor's stand-ins for the three (bench/floor/). */
    | 'floor web server'
    | 'floor daemon'
    | 'floor executor'
    | 'other';
  cpuMs: number;
}

function roleOf(cmdline: string, pid: number, parent: ProcessCpu['role'] | null): ProcessCpu['role'] {
  if (pid === process.pid) return 'bench';
  if (cmdline.includes('floor/forwarder.mjs')) return 'floor web server';
  if (cmdline.includes('floor/piper.mjs')) return 'floor daemon';
  // The floor's echo is a compiled program in a temporary folder: known by its parent.
  if (parent === 'floor daemon') return 'floor executor';
  if (cmdline.includes('web-server.mjs')) return 'web server';
  if (cmdline.includes('duet-executor')) return 'executor';
  if (/duet\.mjs daemon/.test(cmdline)) return 'daemon';
  return 'other';
}

/** Every process in this one's tree with its CPU time so far; null without Linux's /proc. */
export function processTreeCpu(): ProcessCpu[] | null {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return null;
  }
  const all = new Map<number, { ppid: number; cmdline: string; cpuMs: number }>();
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces and parentheses): state, ppid, … utime, stime.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      all.set(Number(name), {
        ppid: Number(f[1]),
        cmdline,
        cpuMs: (Number(f[11]) + Number(f[12])) * TICK_MS,
      });
    } catch {
      // The process ended while the folder was read.
    }
  }
  if (!all.has(process.pid)) return null;
  const out: ProcessCpu[] = [];
  const visit = (pid: number, parent: ProcessCpu['role'] | null) => {
    const p = all.get(pid)!;
    const role = roleOf(p.cmdline, pid, parent);
    out.push({ pid, role, cpuMs: p.cpuMs });
    for (const [child, c] of all) if (c.ppid === pid) visit(child, role);
  };
  visit(process.pid, null);
  return out;
}

/** CPU ms per run by role between two readings taken `runs` runs apart (processes in both). */
export function cpuPerRun(
  before: ProcessCpu[],
  after: ProcessCpu[],
  runs: number,
): Partial<Record<ProcessCpu['role'], number>> {
  const was = new Map(before.map((p) => [p.pid, p.cpuMs]));
  const per: Partial<Record<ProcessCpu['role'], number>> = {};
  for (const p of after) {
    const b = was.get(p.pid);
    if (b === undefined) continue;
    per[p.role] = (per[p.role] ?? 0) + (p.cpuMs - b) / runs;
  }
  return per;
}

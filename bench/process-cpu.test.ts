/** bench/process-cpu.ts: CPU per run by role, from two readings of the process tree. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cpuPerRun, processTreeCpu } from './process-cpu';

describe('process tree CPU', () => {
  it('divides each role’s CPU between two readings by the runs, leaving out processes not in both', () => {
    const before = [
      { pid: 1, role: 'bench' as const, cpuMs: 100 },
      { pid: 2, role: 'web server' as const, cpuMs: 50 },
      { pid: 3, role: 'executor' as const, cpuMs: 10 },
      { pid: 4, role: 'executor' as const, cpuMs: 0 },
    ];
    const after = [
      { pid: 1, role: 'bench' as const, cpuMs: 140 },
      { pid: 2, role: 'web server' as const, cpuMs: 130 },
      { pid: 3, role: 'executor' as const, cpuMs: 30 },
      { pid: 4, role: 'executor' as const, cpuMs: 20 },
      { pid: 5, role: 'daemon' as const, cpuMs: 999 },
    ];
    expect(cpuPerRun(before, after, 20)).toEqual({ bench: 2, 'web server': 4, executor: 2 });
  });

  it.runIf(process.platform === 'linux')('reads this process and its children from /proc', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { stdio: 'ignore' });
    await new Promise((r) => child.once('spawn', r));
    try {
      const tree = processTreeCpu()!;
      expect(tree[0]).toMatchObject({ pid: process.pid, role: 'bench' });
      expect(tree.map((p) => p.pid)).toContain(child.pid);
      // This test's own process has run code by now: at least a clock tick of CPU.
      expect(tree[0]!.cpuMs).toBeGreaterThan(0);
    } finally {
      child.kill();
    }
  });
});

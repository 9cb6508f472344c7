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

  it.runIf(process.platform === 'linux')('names the floor’s stand-ins, its echo by its parent', async () => {
    // A process whose command line names floor/piper.mjs, with a child of its own (the echo's place).
    const code =
      "require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']); setTimeout(() => {}, 10000)";
    const child = spawn(process.execPath, ['-e', code, 'floor/piper.mjs'], { stdio: 'ignore' });
    let echo: number | undefined;
    try {
      let tree = processTreeCpu()!;
      for (let i = 0; i < 100 && !tree.some((p) => p.role === 'floor executor'); i++) {
        await new Promise((r) => setTimeout(r, 50));
        tree = processTreeCpu()!;
      }
      expect(tree.find((p) => p.pid === child.pid)?.role).toBe('floor daemon');
      const echoes = tree.filter((p) => p.role === 'floor executor');
      echo = echoes[0]?.pid;
      expect(echoes).toHaveLength(1);
    } finally {
      if (echo !== undefined) process.kill(echo);
      child.kill();
    }
  });
});

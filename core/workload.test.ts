import { describe, expect, it } from 'vitest';
import { bindingBytes, describeIssues, parseWorkload, passesOf } from './workload';

const saxpy = () => ({
  name: 'saxpy',
  wgsl: '@compute @workgroup_size(64) fn main() {}',
  entryPoint: 'main',
  dispatch: [16, 1, 1],
  bindings: [
    { group: 0, binding: 0, name: 'params', kind: 'uniform', fields: { n: 1024, a: 2.5 } },
    {
      group: 0,
      binding: 1,
      name: 'x',
      kind: 'storage-read',
      element: 'f32',
      length: 1024,
      init: { random: { seed: 1, min: -1, max: 1 } },
    },
    {
      group: 0,
      binding: 2,
      name: 'y',
      kind: 'storage',
      element: 'f32',
      length: 1024,
      init: { iota: { start: 0, step: 1 } },
      output: true,
    },
  ],
});

describe('workload schema', () => {
  it('accepts the DESIGN.md example and fills run defaults', () => {
    const r = parseWorkload(saxpy());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.workload.runs).toEqual({ warmup: 2, samples: 10 });
    expect(passesOf(r.workload)).toEqual([{ entryPoint: 'main', dispatch: [16, 1, 1] }]);
    expect(bindingBytes(r.workload.bindings[1]!)).toBe(4096);
  });

  it('takes the daemon-side options flushL2 and fma in runs, as booleans only', () => {
    const on = parseWorkload({ ...saxpy(), runs: { warmup: 0, samples: 3, flushL2: true, fma: true } });
    expect(on.ok && on.workload.runs).toEqual({ warmup: 0, samples: 3, flushL2: true, fma: true });
    const bad = parseWorkload({ ...saxpy(), runs: { warmup: 0, samples: 3, flushL2: 'yes' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.path)).toContain('runs.flushL2');
  });

  it('refuses a body nested thousands of levels deep with a path, instead of running out of stack', () => {
    let deep: Record<string, unknown> = { v: 1 };
    for (let i = 0; i < 3000; i++) deep = { a: deep };
    const w = saxpy();
    w.bindings[0]!.fields = deep as never;
    const r = parseWorkload(w);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.message).toBe('nested more than 32 levels deep');
    expect(r.issues[0]!.path).toMatch(/^bindings\[0\]\.fields\.a\.a\.a/);
    // Struct fields as deep as WGSL types go (15 levels) are fine.
    let ok: Record<string, unknown> = { v: 1 };
    for (let i = 0; i < 15; i++) ok = { a: ok };
    w.bindings[0]!.fields = ok as never;
    expect(parseWorkload(w).ok).toBe(true);
  });

  it('names the field and the reason for a wrong type', () => {
    const w = saxpy() as Record<string, unknown>;
    (w.bindings as Record<string, unknown>[])[2]!.length = 'big';
    const r = parseWorkload(w);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]!.path).toBe('bindings[2].length');
    expect(describeIssues(r.issues)).toMatch(/^invalid workload: bindings\[2\]\.length: /);
  });

  it('rejects unknown fields, duplicate slots and workloads without outputs', () => {
    const extra = { ...saxpy(), colour: 'red' };
    expect(parseWorkload(extra).ok).toBe(false);
    const dup = saxpy();
    dup.bindings[1]!.binding = 0;
    const r = parseWorkload(dup);
    expect(!r.ok && r.issues.some((i) => i.path === 'bindings[1]' && /appears twice/.test(i.message))).toBe(
      true,
    );
    const noOut = saxpy();
    delete (noOut.bindings[2] as { output?: boolean }).output;
    const r2 = parseWorkload(noOut);
    expect(!r2.ok && r2.issues.some((i) => /output/.test(i.message))).toBe(true);
  });

  it('requires entryPoint+dispatch or passes, not both', () => {
    const both = { ...saxpy(), passes: [{ entryPoint: 'main', dispatch: [1, 1, 1] }] };
    const r = parseWorkload(both);
    expect(!r.ok && r.issues[0]!.path).toBe('passes');
    const { entryPoint: _e, dispatch: _d, ...neither } = saxpy();
    const r2 = parseWorkload(neither);
    expect(!r2.ok && r2.issues.map((i) => i.path).sort()).toEqual(['dispatch', 'entryPoint']);
  });

  it('checks swap names in passes', () => {
    const { entryPoint: _e, dispatch: _d, ...base } = saxpy();
    const w = { ...base, passes: [{ entryPoint: 'main', dispatch: [1, 1, 1], swap: ['y', 'nope'] }] };
    const r = parseWorkload(w);
    expect(!r.ok && r.issues[0]!.path).toBe('passes[0].swap[1]');
  });

  it('rejects zero dispatch and non-finite numbers', () => {
    const w = saxpy();
    w.dispatch = [0, 1, 1];
    expect(parseWorkload(w).ok).toBe(false);
    const w2 = saxpy();
    (w2.bindings[0] as { fields: Record<string, number> }).fields.a = Number.NaN;
    expect(parseWorkload(w2).ok).toBe(false);
  });
});

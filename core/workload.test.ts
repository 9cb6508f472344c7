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
  it('accepts the saxpy example and fills run defaults', () => {
    const r = parseWorkload(saxpy());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.workload.runs).toEqual({ warmup: 2, samples: 10 });
    expect(passesOf(r.workload)).toEqual([{ entryPoint: 'main', dispatch: [16, 1, 1] }]);
    expect(bindingBytes(r.workload.bindings[1]!)).toBe(4096);
  });

  it('accepts a "$schema" for editors and drops it; refuses one that is not a string', () => {
    const r = parseWorkload({ $schema: '../../schemas/workload.schema.json', ...saxpy() });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.workload).not.toHaveProperty('$schema');
    const bad = parseWorkload({ $schema: 7, ...saxpy() });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]!.path).toBe('$schema');
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

  it('refuses init values the element type cannot hold, instead of wrapping them', () => {
    const issue = (element: string, data: number[]) => {
      const w = saxpy();
      Object.assign(w.bindings[1]!, { element, length: 4, init: { data } });
      const r = parseWorkload(w);
      return r.ok ? null : r.issues[0];
    };
    expect(issue('u32', [1, -1])).toEqual({
      path: 'bindings[1].init.data[1]',
      message: '-1 does not fit u32 (0 to 4294967295)',
    });
    expect(issue('u32', [5e9])).toMatchObject({ path: 'bindings[1].init.data[0]' });
    expect(issue('u32', [1.7])).toEqual({
      path: 'bindings[1].init.data[0]',
      message: '1.7 does not fit u32 (whole numbers 0 to 4294967295)',
    });
    expect(issue('bytes', [3, 256])).toEqual({
      path: 'bindings[1].init.data[1]',
      message: '256 does not fit a byte (0 to 255)',
    });
    expect(issue('i32', [-2147483648, 2147483647])).toBeNull();
    expect(issue('f32', [1.5, -1e30])).toBeNull();
    expect(issue('f32', [1, 1e39])).toEqual({
      path: 'bindings[1].init.data[1]',
      message: '1e+39 is beyond the largest f32 (3.4028234663852886e+38)',
    });
    expect(issue('f16', [70000])).toMatchObject({ path: 'bindings[1].init.data[0]' });
    const w = saxpy();
    Object.assign(w.bindings[1]!, { element: 'u32', init: { fill: -1 } });
    const r = parseWorkload(w);
    expect(!r.ok && r.issues[0]).toEqual({
      path: 'bindings[1].init.fill',
      message: '-1 does not fit u32 (0 to 4294967295)',
    });
  });

  it('refuses base64 init data longer than the binding', () => {
    const w = saxpy();
    Object.assign(w.bindings[1]!, {
      element: 'u32',
      length: 2,
      init: { base64: Buffer.alloc(12).toString('base64') },
    });
    const r = parseWorkload(w);
    expect(!r.ok && r.issues).toEqual([
      {
        path: 'bindings[1].init.base64',
        message: 'base64 holds 12 bytes but the binding has 8 (length 2 × 4)',
      },
    ]);
    Object.assign(w.bindings[1]!, { init: { base64: Buffer.alloc(8).toString('base64') } });
    expect(parseWorkload(w).ok).toBe(true);
  });

  it('says what is wrong inside an init form, or which forms there are', () => {
    const issues = (init: unknown) => {
      const w = saxpy();
      Object.assign(w.bindings[1]!, { init });
      const r = parseWorkload(w);
      return r.ok ? [] : r.issues;
    };
    expect(issues({ data: ['a'] })).toEqual([
      { path: 'bindings[1].init.data[0]', message: 'Invalid input: expected number, received string' },
    ]);
    expect(issues({ random: { seed: -1.5, min: 0, max: 1 } })[0]!.path).toBe('bindings[1].init.random.seed');
    expect(issues({ gauss: {} })).toEqual([
      {
        path: 'bindings[1].init',
        message:
          'init must be "zeros", {fill}, {iota: {start, step}}, {random: {seed, min, max}}, {data: [...]} or {base64}',
      },
    ]);
  });

  it('refuses swapping bindings of different sizes', () => {
    const w = {
      ...saxpy(),
      entryPoint: undefined,
      dispatch: undefined,
      passes: [{ entryPoint: 'main', dispatch: [1, 1, 1], swap: ['x', 'y'] }],
    };
    w.bindings[1]!.length = 64;
    const r = parseWorkload(w);
    expect(!r.ok && r.issues).toEqual([
      {
        path: 'passes[0].swap',
        message: '"x" (256 bytes) and "y" (4096 bytes) must be the same size to swap',
      },
    ]);
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

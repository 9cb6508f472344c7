import { describe, expect, it } from 'vitest';
import type { TypeLayout } from '../compiler/layout';
import { generate } from '../core/generators';
import { mergeFields, planRun } from '../core/run-plan';
import { type WorkloadInput, workloadSchema } from '../core/workload';
import { buildRunFrame } from './run-frame';
import type { Translation } from './translation';

const paramsLayout: TypeLayout = {
  kind: 'struct',
  type: 'Params',
  size: 8,
  align: 4,
  members: [
    { name: 'n', offset: 0, layout: { kind: 'scalar', type: 'u32', scalar: 'u32', size: 4, align: 4 } },
    { name: 'a', offset: 4, layout: { kind: 'scalar', type: 'f32', scalar: 'f32', size: 4, align: 4 } },
  ],
};
const f32Array: TypeLayout = {
  kind: 'array',
  type: 'array<f32>',
  element: { kind: 'scalar', type: 'f32', scalar: 'f32', size: 4, align: 4 },
  count: null,
  stride: 4,
  size: 4,
  align: 4,
};

const translation: Translation = {
  code: '// generated',
  loadCode: () => '// generated',
  sourceHash: 'abc',
  ms: 1,
  cacheHit: false,
  kernels: [
    { entryPoint: 'main', symbol: 'duet_k_main', workgroupSize: [64, 1, 1] },
    { entryPoint: 'other', symbol: 'duet_k_other', workgroupSize: [8, 8, 1] },
  ],
  bindings: [
    {
      slot: 0,
      group: 0,
      binding: 0,
      name: 'params',
      kind: 'uniform',
      type: 'Params',
      layout: paramsLayout,
      minBytes: 8,
    },
    {
      slot: 1,
      group: 0,
      binding: 1,
      name: 'x',
      kind: 'storage-read',
      type: 'array<f32>',
      layout: f32Array,
      minBytes: 4,
      runtimeStride: 4,
    },
    {
      slot: 2,
      group: 0,
      binding: 2,
      name: 'y',
      kind: 'storage',
      type: 'array<f32>',
      layout: f32Array,
      minBytes: 4,
      runtimeStride: 4,
    },
  ],
};

function workload(over: Partial<WorkloadInput> = {}) {
  return workloadSchema.parse({
    name: 'saxpy',
    wgsl: 'unused here',
    entryPoint: 'main',
    dispatch: [2, 1, 1],
    bindings: [
      { group: 0, binding: 0, name: 'params', kind: 'uniform', fields: { n: 128, a: 2.5 } },
      {
        group: 0,
        binding: 1,
        name: 'x',
        kind: 'storage-read',
        element: 'f32',
        length: 128,
        init: { random: { seed: 1, min: -1, max: 1 } },
      },
      { group: 0, binding: 2, name: 'y', kind: 'storage', element: 'f32', length: 128, output: true },
    ],
    runs: { warmup: 1, samples: 3 },
    ...over,
  });
}

describe('planRun + buildRunFrame', () => {
  it('maps bindings to slots, packs fields and generates inputs', () => {
    const r = planRun(workload(), translation);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const { header, payloads } = buildRunFrame(r.plan, translation, { warmup: 1, samples: 3 }, 5000);
    expect(header).toMatchObject({
      type: 'run',
      source: '// generated',
      sourceHash: 'abc',
      kernels: [{ symbol: 'duet_k_main', workgroupSize: [64, 1, 1] }],
      slots: [
        { slot: 0, bytes: 8, kind: 'uniform' },
        { slot: 1, bytes: 512, kind: 'storage-read' },
        { slot: 2, bytes: 512, kind: 'storage' },
      ],
      passes: [{ kernel: 0, dispatch: [2, 1, 1], uniforms: [] }],
      warmup: 1,
      samples: 3,
      timeLimitMs: 5000,
      outputs: [2],
    });
    const params = new DataView(payloads[0]!.buffer);
    expect(params.getUint32(0, true)).toBe(128);
    expect(params.getFloat32(4, true)).toBe(2.5);
    expect(payloads[1]).toEqual(generate('f32', 128, { random: { seed: 1, min: -1, max: 1 } }));
    expect(payloads[2]!.byteLength).toBe(0); // zeros travel as an empty payload
    expect(header).not.toHaveProperty('flushL2');
    expect(header).not.toHaveProperty('fma');
  });

  it('plans one slot for two variables sharing a (group, binding): the one the workload names', () => {
    // WGSL §13.3.2 (Tint's bug/tint/369): `params` and `paramsAlt` share @group(0) @binding(0).
    const alt = { ...translation.bindings[0]!, name: 'paramsAlt', kind: 'storage-read' as const };
    const t: Translation = {
      ...translation,
      bindings: [translation.bindings[0]!, alt, ...translation.bindings.slice(1)],
    };
    const named = planRun(workload(), t);
    if (!named.ok) throw new Error(JSON.stringify(named.issues));
    expect(named.plan.slots.map((x) => [x.slot, x.name, x.kind])).toEqual([
      [0, 'params', 'uniform'],
      [1, 'x', 'storage-read'],
      [2, 'y', 'storage'],
    ]);
    const bindings = workload().bindings.slice(1);
    const asAlt = workload({
      bindings: [
        { group: 0, binding: 0, name: 'paramsAlt', kind: 'storage-read', element: 'f32', length: 4 },
        ...bindings,
      ],
    });
    const r = planRun(asAlt, t);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.plan.slots[0]).toMatchObject({ slot: 0, name: 'paramsAlt', kind: 'storage-read', bytes: 16 });
    expect(r.plan.slots).toHaveLength(3);
    // The dispatched entry point uses `paramsAlt`: the workload is checked against it, whatever it names.
    const usesAlt: Translation = {
      ...t,
      kernels: [{ ...t.kernels[0]!, usedSlots: [0, 1, 2], usedBindings: ['paramsAlt', 'x', 'y'] }],
    };
    const wrong = planRun(workload(), usesAlt);
    expect(!wrong.ok && wrong.issues.map((i) => i.message)).toEqual([
      'the WGSL declares "paramsAlt" as storage-read (Params), not uniform',
    ]);
  });

  it('refuses a run that leaves out a binding its entry point uses, as WebGPU does', () => {
    const t: Translation = {
      ...translation,
      kernels: [
        { entryPoint: 'main', symbol: 'duet_k_main', workgroupSize: [64, 1, 1], usedSlots: [0, 1, 2] },
        { entryPoint: 'other', symbol: 'duet_k_other', workgroupSize: [8, 8, 1], usedSlots: [2] },
      ],
    };
    const withoutX = workload().bindings.filter((b) => b.name !== 'x');
    const r = planRun({ ...workload(), bindings: withoutX }, t);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues).toEqual([
      {
        path: 'bindings',
        message:
          'entry point "main" uses @group(0) @binding(1) "x" (storage-read array<f32>); the workload has no binding for it',
      },
    ]);
    // An entry point that does not use x runs without it: the slot gets a zeroed buffer.
    const other = planRun({ ...workload(), entryPoint: 'other', bindings: withoutX }, t);
    if (!other.ok) throw new Error(JSON.stringify(other.issues));
    expect(other.plan.slots.find((s) => s.slot === 1)).toMatchObject({ init: { from: 'zeros' }, bytes: 4 });
  });

  it('warns when a binding says another element type than the WGSL declares, and still runs it', () => {
    const w = workload();
    Object.assign(w.bindings[2]!, { element: 'i32' });
    const r = planRun(w, translation);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.plan.warnings).toEqual([
      '"y": the WGSL declares array<f32> (f32 elements) but the workload says i32; its data are generated and compared as i32',
    ]);
    const plain = planRun(workload(), translation);
    expect(plain.ok && plain.plan.warnings).toEqual([]);
  });

  it('passes the daemon-side options flushL2 and fma on to the executor', () => {
    const r = planRun(workload(), translation);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const runs = { warmup: 0, samples: 1, flushL2: true, fma: true };
    expect(buildRunFrame(r.plan, translation, runs, 5000).header).toMatchObject({ flushL2: true, fma: true });
  });

  it('gives every pass its uniform bytes once any pass sets fields, sharing equal payloads', () => {
    const w = workload({
      entryPoint: undefined,
      dispatch: undefined,
      passes: [
        { entryPoint: 'main', dispatch: [1, 1, 1], fields: { params: { a: 1 } } },
        { entryPoint: 'other', dispatch: [1, 1, 1], swap: ['x', 'y'] },
        { entryPoint: 'main', dispatch: [1, 1, 1], fields: { params: { a: 1 } } },
      ],
      bindings: [
        { group: 0, binding: 0, name: 'params', kind: 'uniform', fields: { n: 128, a: 2.5 } },
        { group: 0, binding: 1, name: 'x', kind: 'storage', element: 'f32', length: 128 },
        { group: 0, binding: 2, name: 'y', kind: 'storage', element: 'f32', length: 128, output: true },
      ],
    });
    const t = {
      ...translation,
      bindings: translation.bindings.map((b) => (b.slot === 1 ? { ...b, kind: 'storage' as const } : b)),
    };
    const r = planRun(w, t);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const { header, payloads } = buildRunFrame(r.plan, t, w.runs, 1000);
    const passes = header.passes as {
      kernel: number;
      uniforms: { slot: number; payload: number }[];
      swap?: number[];
    }[];
    expect(passes.map((p) => p.kernel)).toEqual([0, 1, 0]);
    expect(passes[1]!.swap).toEqual([1, 2]);
    expect(passes.map((p) => p.uniforms[0]!.payload)).toEqual([3, 4, 3]);
    expect(payloads).toHaveLength(5);
    expect(new DataView(payloads[3]!.buffer).getFloat32(4, true)).toBe(1);
    expect(new DataView(payloads[4]!.buffer).getFloat32(4, true)).toBe(2.5);
  });

  it('reports mismatches with workload paths', () => {
    const w = workload({
      bindings: [
        { group: 0, binding: 0, name: 'params', kind: 'uniform', fields: { n: 1, b: 2 } },
        { group: 0, binding: 1, name: 'x', kind: 'storage', element: 'f32', length: 4 },
        { group: 0, binding: 2, name: 'y', kind: 'storage', element: 'f32', length: 4, output: true },
        { group: 1, binding: 0, name: 'z', kind: 'storage', element: 'f32', length: 4 },
      ],
      dispatch: [70000, 1, 1],
    });
    const r = planRun(w, translation);
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['bindings[0].fields', 'bindings[1].kind', 'bindings[3]', 'dispatch[0]']),
    );
  });

  it('refuses an unknown entry point and a too-small buffer', () => {
    const w = workload({ entryPoint: 'nope' });
    const r1 = planRun(w, translation);
    expect(r1.ok ? [] : r1.issues.map((i) => i.path)).toContain('entryPoint');
    const small = {
      ...translation,
      bindings: translation.bindings.map((b) => (b.slot === 2 ? { ...b, minBytes: 1024 } : b)),
    };
    const r2 = planRun(workload(), small);
    expect(r2.ok ? '' : r2.issues[0]!.message).toMatch(/at least 1024 bytes/);
  });

  it('merges nested per-pass fields member by member', () => {
    expect(mergeFields({ a: 1, s: { x: 1, y: 2 }, v: [1, 2] }, { s: { y: 3 }, v: [5] })).toEqual({
      a: 1,
      s: { x: 1, y: 3 },
      v: [5],
    });
  });
});

import { describe, expect, it } from 'vitest';
import { translate } from '../../compiler/translate';
import { passAssignments, planRun } from '../../core/run-plan';
import { type Binding, type WorkloadInput, workloadSchema } from '../../core/workload';
import { planBindings, roundUp, type UniformPacker } from './plan';
import { deferredPacker, packUniformFields } from './uniforms';

const wgsl = `struct P { n: u32, a: f32, v: vec3<f32> }
@group(0) @binding(0) var<uniform> params: P;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;
@group(1) @binding(0) var<storage, read_write> z: array<u32>;
@compute @workgroup_size(64) fn main() {}`;

function workload(extra: Partial<WorkloadInput> = {}) {
  return workloadSchema.parse({
    name: 't',
    wgsl,
    entryPoint: 'main',
    dispatch: [1, 1, 1],
    bindings: [
      { group: 0, binding: 0, name: 'params', kind: 'uniform', fields: { n: 3, a: 2.5 } },
      { group: 0, binding: 1, name: 'x', kind: 'storage-read', element: 'f32', length: 3, init: { fill: 1 } },
      { group: 0, binding: 2, name: 'y', kind: 'storage', element: 'f32', length: 3, output: true },
      {
        group: 1,
        binding: 0,
        name: 'z',
        kind: 'storage',
        element: 'bytes',
        length: 5,
        init: { iota: { start: 1, step: 1 } },
      },
    ],
    ...extra,
  });
}

/** A stand-in packer: 4 bytes per field value, in key order (the real layout is compiler/layout's). */
const fakePack: UniformPacker = (_b: Binding, fields) =>
  new Uint8Array(new Float32Array(Object.values(fields).map(Number)).buffer);

describe('planBindings', () => {
  it('sizes storage buffers to whole words and uniforms to 16 bytes, keeping the data length', () => {
    const plan = planBindings(workload(), fakePack);
    const byName = Object.fromEntries(plan.buffers.map((b) => [b.name, b]));
    expect(byName.x).toMatchObject({ size: 12, dataBytes: 12, writable: false, output: false });
    expect(byName.y).toMatchObject({ size: 12, dataBytes: 12, writable: true, output: true });
    expect(byName.z).toMatchObject({ size: 8, dataBytes: 5, writable: true });
    expect(Array.from(byName.z!.initial)).toEqual([1, 2, 3, 4, 5, 0, 0, 0]);
    expect(byName.params!.size).toBe(16);
    expect(new Float32Array(byName.x!.initial.buffer)).toEqual(new Float32Array([1, 1, 1]));
    expect(roundUp(17, 16)).toBe(32);
  });

  it('packs per-pass uniform fields over the binding fields and shares identical values', () => {
    const plan = planBindings(
      workload({
        entryPoint: undefined,
        dispatch: undefined,
        passes: [
          { entryPoint: 'main', dispatch: [1, 1, 1] },
          { entryPoint: 'main', dispatch: [1, 1, 1], fields: { params: { a: 7 } } },
          { entryPoint: 'main', dispatch: [1, 1, 1], fields: { params: { a: 7 } } },
          { entryPoint: 'main', dispatch: [1, 1, 1], fields: { params: { a: 2.5 } } },
        ],
      }),
      fakePack,
    );
    const params = plan.buffers[0]!;
    const [p0, p1, p2, p3] = params.perPass!;
    expect(p0).toBe(params.initial);
    expect(Array.from(new Float32Array(p1!.buffer).slice(0, 2))).toEqual([3, 7]);
    expect(p2).toBe(p1); // same bytes → same object → one GPU buffer
    expect(p3).toBe(params.initial);
  });

  it('refuses per-pass fields for a raw-bytes uniform', () => {
    const w = workload({
      entryPoint: undefined,
      dispatch: undefined,
      passes: [{ entryPoint: 'main', dispatch: [1, 1, 1], fields: { raw: { a: 1 } } }],
      bindings: [
        { group: 0, binding: 0, name: 'raw', kind: 'uniform', element: 'bytes', length: 4 },
        { group: 0, binding: 2, name: 'y', kind: 'storage', element: 'f32', length: 3, output: true },
      ],
    });
    expect(() => planBindings(w, fakePack)).toThrow(/raw bytes/);
  });

  it('marks a read-only binding writable once swap moves its buffer into a read_write slot', () => {
    const w = workload({
      entryPoint: undefined,
      dispatch: undefined,
      passes: [
        { entryPoint: 'main', dispatch: [1, 1, 1], swap: ['x', 'y'] },
        { entryPoint: 'main', dispatch: [1, 1, 1] },
      ],
    });
    const plan = planBindings(w, fakePack);
    expect(plan.buffers.find((b) => b.name === 'x')!.writable).toBe(true);
    expect(plan.assignment).toEqual([
      [0, 1, 2, 3],
      [0, 2, 1, 3],
    ]);
    expect(plan.finalAssignment).toEqual([0, 2, 1, 3]);
  });
});

describe('passAssignments', () => {
  const bindings = workload().bindings;
  const pass = (swap?: [string, string]) => ({
    entryPoint: 'main',
    dispatch: [1, 1, 1] as [number, number, number],
    ...(swap ? { swap } : {}),
  });

  it('starts every execution from the identity and applies a swap to the passes after it', () => {
    const r = passAssignments(bindings, [pass(['y', 'z']), pass(['y', 'z']), pass(['y', 'z'])]);
    expect(r.perPass).toEqual([
      [0, 1, 2, 3],
      [0, 1, 3, 2],
      [0, 1, 2, 3],
    ]);
    expect(r.final).toEqual([0, 1, 3, 2]); // an odd number of swaps: y names z's buffer at the end
  });

  it('rejects a swap naming an unknown binding', () => {
    expect(() => passAssignments(bindings, [pass(['y', 'nope'])])).toThrow(/nope/);
  });
});

describe('uniform packing glue (compiler/layout)', () => {
  it('packs fields by the WGSL layout of the shader binding', () => {
    const w = workload({ bindings: [...workload().bindings.slice(0, 3)] });
    const w2 = {
      ...w,
      bindings: w.bindings.map((b) =>
        b.name === 'params' ? { ...b, fields: { n: 3, a: 2.5, v: [1, 2, 3] } } : b,
      ),
    };
    const plan = planBindings(w2, packUniformFields(w2));
    const bytes = plan.buffers[0]!.initial;
    const view = new DataView(bytes.buffer);
    // struct P { n: u32 @0, a: f32 @4, v: vec3<f32> @16 (align 16) } → 32 bytes
    expect(bytes.byteLength).toBe(32);
    expect([view.getUint32(0, true), view.getFloat32(4, true)]).toEqual([3, 2.5]);
    expect([16, 20, 24].map((o) => view.getFloat32(o, true))).toEqual([1, 2, 3]);
  });

  it('names the member when fields do not fit the struct', () => {
    const w = workload();
    const bad = {
      ...w,
      bindings: w.bindings.map((b) => (b.name === 'params' ? { ...b, fields: { nope: 1 } } : b)),
    };
    expect(() => planBindings(bad, packUniformFields(bad))).toThrow(/nope/);
  });

  it('says when the WGSL declares no uniform at the binding', () => {
    const w = workload();
    const moved = { ...w, bindings: w.bindings.map((b) => (b.name === 'params' ? { ...b, binding: 9 } : b)) };
    expect(() => planBindings(moved, packUniformFields(moved))).toThrow(/@binding\(9\)/);
  });

  it('defers a packing failure until asked, packing zeros meanwhile', () => {
    const w = workload();
    const bad = {
      ...w,
      bindings: w.bindings.map((b) => (b.name === 'params' ? { ...b, fields: { nope: 1 } } : b)),
    };
    const deferred = deferredPacker(packUniformFields(bad));
    const plan = planBindings(bad, deferred.pack);
    expect(plan.buffers[0]!.size).toBe(16);
    expect(() => deferred.throwIfFailed()).toThrow(/nope/);
    expect(() => deferredPacker(fakePack).throwIfFailed()).not.toThrow();
  });
});

describe('per-pass override of one member of a nested uniform struct', () => {
  // A pass that sets only `inner.b` keeps `inner.a` and `n` from the binding's own fields, in the
  // browser as on the daemon: both merge member by member (core/run-plan `mergeFields`).
  const nested = `struct Inner { a: u32, b: u32 }
struct P { n: u32, inner: Inner }
@group(0) @binding(0) var<uniform> params: P;
@group(0) @binding(1) var<storage, read_write> y: array<u32>;
@compute @workgroup_size(1) fn main() { y[0] = params.n + params.inner.a + params.inner.b; }`;
  const w = workloadSchema.parse({
    name: 'nested',
    wgsl: nested,
    passes: [
      { entryPoint: 'main', dispatch: [1, 1, 1] },
      { entryPoint: 'main', dispatch: [1, 1, 1], fields: { params: { inner: { b: 9 } } } },
    ],
    bindings: [
      { group: 0, binding: 0, name: 'params', kind: 'uniform', fields: { n: 1, inner: { a: 2, b: 3 } } },
      { group: 0, binding: 1, name: 'y', kind: 'storage', element: 'u32', length: 1, output: true },
    ],
  });
  const words = (bytes: Uint8Array) => Array.from(new Uint32Array(bytes.slice().buffer));

  it('keeps the siblings in the browser plan', () => {
    const params = planBindings(w, packUniformFields(w)).buffers[0]!;
    expect(words(params.perPass![0]!).slice(0, 3)).toEqual([1, 2, 3]);
    expect(words(params.perPass![1]!).slice(0, 3)).toEqual([1, 2, 9]);
  });

  it('gives the same bytes as the daemon plan', () => {
    const t = translate(w.wgsl, { target: 'cuda' });
    if (!t.ok) throw new Error('translation failed');
    const planned = planRun(w, t);
    if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
    const browser = planBindings(w, packUniformFields(w)).buffers[0]!.perPass!;
    planned.plan.passes.forEach((p, i) => {
      expect(words(p.uniforms[0]!.data)).toEqual(
        words(browser[i]!).slice(0, p.uniforms[0]!.data.byteLength / 4),
      );
    });
  });
});
